package dev.massager.infra.spring;

import dev.massager.infra.Infrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, slices) at the shared
 * infrastructure ({@link Infrastructure#shared()}), starting it on first use. The context gets these properties, ahead
 * of every other property source:
 *
 * <ul>
 *   <li>{@value Infrastructure#KAFKA_BOOTSTRAP_SERVERS}
 *   <li>{@value Infrastructure#MQTT_SERVER_URI}
 *   <li>{@value Infrastructure#DATASOURCE_URL}, {@value Infrastructure#DATASOURCE_USERNAME} and
 *       {@value Infrastructure#DATASOURCE_PASSWORD}, when a {@link #database()} is named
 * </ul>
 *
 * <pre>{@code
 * @SpringBootTest
 * @WithInfrastructure(database = "sessions")
 * class SessionIngestionIT { ... }
 * }</pre>
 *
 * <p>{@code @Nested} test classes see the annotation of their enclosing class. Test classes with the same
 * {@link #database()} and otherwise equal configuration share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithInfrastructure {

    /**
     * The database the context's data source connects to.
     *
     * @return {@code "sessions"}, {@code "analytics"}, or {@code ""} (the default) for no data source properties
     */
    String database() default "";
}
