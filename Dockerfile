# One image recipe for every service: docker build --build-arg MODULE=session-service .
# The build stage compiles with the project's own wrapper, so the image uses the same Maven as CI.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
ARG MODULE
RUN test -n "${MODULE}" || (echo "build with --build-arg MODULE=<service module>" && false)
COPY . .
# The cache mount keeps downloaded dependencies between builds of every service.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${MODULE}" -am package -Dmaven.test.skip=true -Dspotless.check.skip=true
RUN java -Djarmode=tools -jar "${MODULE}/target/${MODULE}.jar" extract --layers --destination /extracted \
    && mv "/extracted/application/${MODULE}.jar" /extracted/application/app.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app app
# A new named volume mounted here starts as a copy of this directory, owner included, so the service can
# create its local JWT key pair in it (the jwt-keys volume of docker-compose.yml).
RUN install -d -o app -m 700 /var/lib/massager/jwt
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
