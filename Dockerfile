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
# Memory: each service runs in a 512 MiB container (docker-compose.yml's mem_limit). Half of it is heap, 256 MiB there,
# as the local stack's -Xmx256m: with the serial collector (the JVM's choice in so small a container, set here so it
# stays so) the old generation fills with dead objects between full collections, so the whole heap becomes resident
# whatever the live set (42-46 MiB in the benchmarks). The other half is the JVM's own memory, measured at 100-170 MiB:
# metaspace about 75 MiB and JIT code about 20 MiB (capped at 128 and 64 MiB), class and symbol tables, thread stacks,
# Kafka's buffers, malloc (two arenas instead of eight per core). The 75 % this image used to give the heap would make
# heap and the rest pass 512 MiB: the kernel would kill the container instead of the JVM collecting garbage.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
