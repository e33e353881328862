package dev.massager.infra.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import dev.massager.infra.MqttConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT broker (HiveMQ Community Edition: MQTT 5 and 3.1.1, shared subscriptions, retained messages, Last Will)
 * running inside this JVM, with one plain TCP listener on {@code 127.0.0.1}. Its configuration, data and extensions
 * folders live in a temporary directory that {@link #close()} deletes. Every client is allowed in.
 *
 * <pre>{@code
 * try (EmbeddedMqttBroker mqtt = EmbeddedMqttBroker.builder().start()) {
 *     new MqttClient(mqtt.serverUri(), "client-1", null).connect();
 * }
 * }</pre>
 */
public final class EmbeddedMqttBroker implements MqttConnection, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private static final String HOST = "127.0.0.1";

    private static final int ATTEMPTS_ON_A_FREE_PORT = 3;

    private static final long START_TIMEOUT_SECONDS = 60;

    private final EmbeddedHiveMQ hivemq;

    private final Path home;

    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, Path home, int port) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
    }

    /**
     * Starts configuring a broker.
     *
     * @return a builder for a broker on a free port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port of the plain TCP listener.
     *
     * @return the TCP port on {@code 127.0.0.1}
     */
    public int port() {
        return port;
    }

    /** The temporary folder holding the broker's configuration, data and extensions folders. */
    Path home() {
        return home;
    }

    @Override
    public String serverUri() {
        return "tcp://" + HOST + ":" + port;
    }

    /** Stops the broker, which drops every client without a Last Will, and deletes its folders. */
    @Override
    public void close() {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not stop HiveMQ", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping HiveMQ", e);
        } finally {
            deleteRecursively(home);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMqttBroker[" + serverUri() + "]";
    }

    /** Configures and starts an {@link EmbeddedMqttBroker}. */
    public static final class Builder {

        private int port;

        private EmbeddedExtension extension;

        private Builder() {}

        /**
         * The port of the plain TCP listener.
         *
         * @param port a fixed port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * An extension that runs inside the broker, for example the authenticator that will check device
         * certificates (together with a TLS listener in {@link HiveMqConfig}).
         *
         * @param extension the extension
         * @return this builder
         */
        public Builder embeddedExtension(EmbeddedExtension extension) {
            this.extension = extension;
            return this;
        }

        /**
         * Starts the broker and waits until its listener accepts clients.
         *
         * @return the running broker
         */
        public EmbeddedMqttBroker start() {
            if (port != 0) {
                return startOn(port);
            }
            // A free port can be taken by someone else between the check and HiveMQ's bind: try another one.
            RuntimeException failure = null;
            for (int attempt = 1; attempt <= ATTEMPTS_ON_A_FREE_PORT; attempt++) {
                try {
                    return startOn(freePort());
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            throw failure;
        }

        private EmbeddedMqttBroker startOn(int port) {
            long started = System.nanoTime();
            Path home = createHome(HiveMqConfig.plain(HOST, port));
            EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(home.resolve("conf"))
                    .withDataFolder(home.resolve("data"))
                    .withExtensionsFolder(home.resolve("extensions"))
                    // HiveMQ's own logging bootstrap resets Logback to its bundled configuration, discarding the
                    // host's (a test's logback-test.xml, Spring Boot's logging).
                    .withoutLoggingBootstrap();
            if (extension != null) {
                builder.withEmbeddedExtension(extension);
            }
            EmbeddedHiveMQ hivemq = builder.build();
            Thread.UncaughtExceptionHandler hostHandler = Thread.getDefaultUncaughtExceptionHandler();
            try {
                hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                closeQuietly(hivemq, home);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("Could not start HiveMQ on " + HOST + ":" + port, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(hivemq, home);
                throw new IllegalStateException("Interrupted while starting HiveMQ", e);
            } finally {
                // HiveMQ installs a JVM-wide uncaught exception handler that calls System.exit(1) on its
                // "unrecoverable" errors: a broker inside a test JVM must not be able to end that JVM.
                Thread.setDefaultUncaughtExceptionHandler(hostHandler);
            }
            log.info("MQTT broker started on {}:{} in {} ms", HOST, port, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMqttBroker(hivemq, home, port);
        }

        private static Path createHome(HiveMqConfig config) {
            try {
                Path home = Files.createTempDirectory("massager-hivemq-");
                Files.createDirectories(home.resolve("conf"));
                Files.createDirectories(home.resolve("data"));
                Files.createDirectories(home.resolve("extensions"));
                Files.writeString(home.resolve("conf/config.xml"), config.toXml(), StandardCharsets.UTF_8);
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the HiveMQ folders", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port", e);
            }
        }

        private static void closeQuietly(EmbeddedHiveMQ hivemq, Path home) {
            try {
                hivemq.close();
            } catch (ExecutionException | RuntimeException e) {
                log.debug("HiveMQ did not stop cleanly after a failed start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                deleteRecursively(home);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
