package dev.massager.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Where the servers run. Chosen with the system property {@value #PROPERTY} or, when it is not set, the environment
 * variable {@value #ENVIRONMENT_VARIABLE}: {@code embedded}, {@code containers} or {@code auto} (the default).
 */
public enum InfrastructureMode {

    /** Inside the JVM: Kafka and HiveMQ embedded, PostgreSQL as a child process. Needs no Docker. */
    EMBEDDED,

    /** In containers started through Testcontainers. Needs a Docker engine. */
    CONTAINERS,

    /** {@link #CONTAINERS} when a Docker engine answers, otherwise {@link #EMBEDDED}. */
    AUTO;

    /** The system property that chooses the mode. */
    public static final String PROPERTY = "massager.infra";

    /** The environment variable that chooses the mode when {@value #PROPERTY} is not set. */
    public static final String ENVIRONMENT_VARIABLE = "MASSAGER_INFRA";

    /**
     * The mode this JVM was asked for.
     *
     * @return the mode named by {@value #PROPERTY} or {@value #ENVIRONMENT_VARIABLE}, {@link #AUTO} if neither is set
     * @throws IllegalArgumentException if the value names no mode
     */
    public static InfrastructureMode configured() {
        String property = System.getProperty(PROPERTY);
        return parse(property != null && !property.isBlank() ? property : System.getenv(ENVIRONMENT_VARIABLE));
    }

    /**
     * Reads a mode name, ignoring case.
     *
     * @param value {@code embedded}, {@code containers}, {@code auto}, or null or blank for {@link #AUTO}
     * @return the mode
     * @throws IllegalArgumentException if the value names no mode
     */
    public static InfrastructureMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return Arrays.stream(values())
                .filter(mode -> mode.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown " + PROPERTY + " '" + value + "': use embedded, containers or auto"));
    }

    /**
     * Decides {@link #AUTO}.
     *
     * @return this mode, or for {@link #AUTO} the mode that works on this machine
     */
    public InfrastructureMode resolve() {
        return resolve(() -> DockerClientFactory.instance().isDockerAvailable());
    }

    InfrastructureMode resolve(BooleanSupplier dockerAvailable) {
        if (this != AUTO) {
            return this;
        }
        return dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
    }
}
