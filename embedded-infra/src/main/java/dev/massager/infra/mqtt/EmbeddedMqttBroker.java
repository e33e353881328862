package dev.massager.infra.mqtt;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.massager.broker.BrokerAuthConfig;
import dev.massager.broker.DeviceAuthExtensionMain;
import dev.massager.infra.MqttConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT broker (HiveMQ Community Edition: MQTT 5 and 3.1.1, shared subscriptions, retained messages, Last Will)
 * running inside this JVM, secured as in production by the {@code broker-auth} extension:
 *
 * <ul>
 *   <li>a device listener on {@code ssl://127.0.0.1}: TLS with a client certificate of the device CA ({@link
 *       DeviceCa#shared()} unless told otherwise), client id = the certificate's common name, publishing under
 *       {@code massagers/{its id}/} only;
 *   <li>a backend listener on {@code tcp://127.0.0.1}: a username and a generated password, every permission.
 * </ul>
 *
 * <p>Its configuration, key stores, data and extensions folders live in a temporary directory that {@link #close()}
 * deletes.
 *
 * <pre>{@code
 * try (EmbeddedMqttBroker mqtt = EmbeddedMqttBroker.builder().start()) {
 *     MqttConnectionOptions options = new MqttConnectionOptions();
 *     options.setSocketFactory(mqtt.deviceSocketFactory("mx-00042"));
 *     new MqttClient(mqtt.deviceServerUri(), "mx-00042", null).connect(options);
 * }
 * }</pre>
 */
public final class EmbeddedMqttBroker implements MqttConnection, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private static final String HOST = "127.0.0.1";

    private static final int ATTEMPTS_ON_A_FREE_PORT = 3;

    private static final long START_TIMEOUT_SECONDS = 60;

    private static final String KEYSTORE = "conf/tls/broker.p12";

    private static final String TRUSTSTORE = "conf/tls/device-ca.p12";

    private final EmbeddedHiveMQ hivemq;

    private final Path home;

    private final int port;

    private final int devicePort;

    private final DeviceCa deviceCa;

    private final String backendUsername;

    private final String backendPassword;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, Path home, Ports ports, Builder settings) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = ports.backend();
        this.devicePort = ports.devices();
        this.deviceCa = settings.deviceCa;
        this.backendUsername = settings.backendUsername;
        this.backendPassword = settings.backendPassword;
    }

    /** The two ports, 0 for a free one. */
    private record Ports(int backend, int devices) {

        boolean fixed() {
            return backend != 0 && devices != 0;
        }

        Ports free() {
            int freeBackend = backend;
            while (freeBackend == 0 || freeBackend == devices) {
                freeBackend = freePort();
            }
            int freeDevices = devices;
            while (freeDevices == 0 || freeDevices == freeBackend) {
                freeDevices = freePort();
            }
            return new Ports(freeBackend, freeDevices);
        }
    }

    /**
     * Starts configuring a broker.
     *
     * @return a builder for a broker on free ports, trusting {@link DeviceCa#shared()}, with a generated backend
     *     password
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The system property that chooses the persistence of brokers built without {@link Builder#persistence}:
     * {@code in-memory} (the default) or {@code file}. The benchmarks set it to measure the broker as production runs
     * it.
     */
    public static final String PERSISTENCE_PROPERTY = "massager.mqtt.persistence";

    private static HiveMqConfig.Persistence persistenceFromSystemProperty() {
        String mode = System.getProperty(PERSISTENCE_PROPERTY, HiveMqConfig.Persistence.IN_MEMORY.mode());
        for (HiveMqConfig.Persistence persistence : HiveMqConfig.Persistence.values()) {
            if (persistence.mode().equals(mode)) {
                return persistence;
            }
        }
        throw new IllegalArgumentException(
                PERSISTENCE_PROPERTY + " is '" + mode + "'; it can be 'in-memory' or 'file'");
    }

    /**
     * The port of the backend listener.
     *
     * @return the TCP port on {@code 127.0.0.1}
     */
    public int port() {
        return port;
    }

    /**
     * The port of the device listener.
     *
     * @return the TLS port on {@code 127.0.0.1}
     */
    public int devicePort() {
        return devicePort;
    }

    /**
     * The CA whose device certificates the broker accepts, and which issued the broker's certificate.
     *
     * @return the CA
     */
    public DeviceCa deviceCa() {
        return deviceCa;
    }

    /** The temporary folder holding the broker's configuration, data and extensions folders. */
    Path home() {
        return home;
    }

    @Override
    public String serverUri() {
        return "tcp://" + HOST + ":" + port;
    }

    @Override
    public String backendUsername() {
        return backendUsername;
    }

    @Override
    public String backendPassword() {
        return backendPassword;
    }

    @Override
    public String deviceServerUri() {
        return "ssl://" + HOST + ":" + devicePort;
    }

    @Override
    public SSLSocketFactory deviceSocketFactory(String deviceId) {
        return deviceCa.deviceSocketFactory(deviceId);
    }

    @Override
    public String deviceCaPem() {
        return deviceCa.certificatePem();
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
        return "EmbeddedMqttBroker[" + deviceServerUri() + ", " + serverUri() + "]";
    }

    /** Configures and starts an {@link EmbeddedMqttBroker}. */
    public static final class Builder {

        private int port;

        private int devicePort;

        private DeviceCa deviceCa = DeviceCa.shared();

        private String backendUsername = BrokerAuthConfig.DEFAULT_BACKEND_USERNAME;

        private String backendPassword = DeviceCa.randomPassword();

        private HiveMqConfig.Persistence persistence = persistenceFromSystemProperty();

        private Builder() {}

        /**
         * Where the broker keeps sessions and queued messages (see {@link HiveMqConfig.Persistence}).
         *
         * @param persistence in memory by default, or what the system property {@value #PERSISTENCE_PROPERTY} says
         *     ({@code in-memory} or {@code file})
         * @return this builder
         */
        public Builder persistence(HiveMqConfig.Persistence persistence) {
            this.persistence = Objects.requireNonNull(persistence, "persistence");
            return this;
        }

        /**
         * The port of the backend listener.
         *
         * @param port a fixed port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /**
         * The port of the device listener.
         *
         * @param port a fixed port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder devicePort(int port) {
            this.devicePort = checkPort(port);
            return this;
        }

        /**
         * The CA whose device certificates the broker accepts and which issues the broker's certificate.
         *
         * @param deviceCa the CA; {@link DeviceCa#shared()} by default
         * @return this builder
         */
        public Builder deviceCa(DeviceCa deviceCa) {
            this.deviceCa = deviceCa;
            return this;
        }

        /**
         * The account of backend clients.
         *
         * @param username the username; {@value BrokerAuthConfig#DEFAULT_BACKEND_USERNAME} by default
         * @param password the password, at least {@value BrokerAuthConfig#MIN_PASSWORD_LENGTH} characters; a random
         *     one by default
         * @return this builder
         */
        public Builder backendAccount(String username, String password) {
            // Checked now rather than when the extension starts inside the broker.
            BrokerAuthConfig.of(deviceCa.certificate(), username, password);
            this.backendUsername = username;
            this.backendPassword = password;
            return this;
        }

        /**
         * Starts the broker and waits until its listeners accept clients.
         *
         * @return the running broker
         */
        public EmbeddedMqttBroker start() {
            Ports ports = new Ports(port, devicePort);
            if (ports.fixed()) {
                return startOn(ports);
            }
            // A free port can be taken by someone else between the check and HiveMQ's bind: try other ones.
            RuntimeException failure = null;
            for (int attempt = 1; attempt <= ATTEMPTS_ON_A_FREE_PORT; attempt++) {
                try {
                    return startOn(ports.free());
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

        private EmbeddedMqttBroker startOn(Ports ports) {
            long started = System.nanoTime();
            Path home = createHome();
            EmbeddedHiveMQ hivemq;
            try {
                String storePassword = DeviceCa.randomPassword();
                DeviceCa.write(
                        deviceCa.serverKeystore(storePassword.toCharArray(), List.of()),
                        home.resolve(KEYSTORE),
                        storePassword.toCharArray());
                DeviceCa.write(deviceCa.truststore(), home.resolve(TRUSTSTORE), storePassword.toCharArray());
                HiveMqConfig config = HiveMqConfig.devicesAndBackend(
                                HOST,
                                ports.devices(),
                                new HiveMqConfig.TlsStores(
                                        home.resolve(KEYSTORE).toString(),
                                        storePassword,
                                        home.resolve(TRUSTSTORE).toString(),
                                        storePassword),
                                ports.backend())
                        .withPersistence(persistence);
                Files.writeString(home.resolve("conf/config.xml"), config.toXml(), StandardCharsets.UTF_8);
                hivemq = EmbeddedHiveMQ.builder()
                        .withConfigurationFolder(home.resolve("conf"))
                        .withDataFolder(home.resolve("data"))
                        .withExtensionsFolder(home.resolve("extensions"))
                        .withEmbeddedExtension(authentication())
                        // HiveMQ's own logging bootstrap resets Logback to its bundled configuration, discarding the
                        // host's (a test's logback-test.xml, Spring Boot's logging).
                        .withoutLoggingBootstrap()
                        .build();
            } catch (IOException e) {
                deleteRecursively(home);
                throw new UncheckedIOException("Could not prepare the HiveMQ folders", e);
            } catch (RuntimeException e) {
                deleteRecursively(home);
                throw e;
            }
            // build() lets in every client that no extension decided on. The extension decides on every client; a
            // client that slips past it anyway (the extension failed to start) is refused, as in a real broker.
            InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
            Thread.UncaughtExceptionHandler hostHandler = Thread.getDefaultUncaughtExceptionHandler();
            try {
                hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                closeQuietly(hivemq, home);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException(
                        "Could not start HiveMQ on " + HOST + ", ports " + ports.devices() + " and " + ports.backend(),
                        cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(hivemq, home);
                throw new IllegalStateException("Interrupted while starting HiveMQ", e);
            } finally {
                // HiveMQ installs a JVM-wide uncaught exception handler that calls System.exit(1) on its
                // "unrecoverable" errors: a broker inside a test JVM must not be able to end that JVM.
                Thread.setDefaultUncaughtExceptionHandler(hostHandler);
            }
            log.info(
                    "MQTT broker started in {} ms: devices on ssl://{}:{}, backend on tcp://{}:{}",
                    (System.nanoTime() - started) / 1_000_000,
                    HOST,
                    ports.devices(),
                    HOST,
                    ports.backend());
            return new EmbeddedMqttBroker(hivemq, home, ports, this);
        }

        private EmbeddedExtension authentication() {
            return EmbeddedExtension.builder()
                    .withId(DeviceAuthExtensionMain.ID)
                    .withName(DeviceAuthExtensionMain.NAME)
                    .withVersion("embedded")
                    .withPriority(DeviceAuthExtensionMain.PRIORITY)
                    .withStartPriority(DeviceAuthExtensionMain.PRIORITY)
                    .withExtensionMain(new DeviceAuthExtensionMain(
                            BrokerAuthConfig.of(deviceCa.certificate(), backendUsername, backendPassword)))
                    .build();
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return port;
        }

        private static Path createHome() {
            try {
                Path home = Files.createTempDirectory("massager-hivemq-");
                Files.createDirectories(home.resolve("conf/tls"));
                Files.createDirectories(home.resolve("data"));
                Files.createDirectories(home.resolve("extensions"));
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the HiveMQ folders", e);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
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
