package dev.massager.stack;

import dev.massager.api.security.TokenMint;
import dev.massager.infra.EmbeddedInfrastructure;
import dev.massager.infra.Infrastructure;
import dev.massager.infra.PostgresConnection;
import dev.massager.infra.mqtt.DeviceCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole backend on one machine: the embedded Kafka, PostgreSQL and MQTT servers in this JVM, and device-gateway,
 * session-service and analytics-service each in a JVM of its own, started from their fat jars as in production.
 * The APIs trust a local key pair ({@link #tokens()} mints their tokens); devices connect with certificates of
 * {@link DeviceCa#shared()}, which is also written to {@code <work directory>/device-ca/} for other processes.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withFreePorts(true))) {
 *     String token = stack.tokens().mint("alice", List.of("user"), Duration.ofHours(1));
 *     // GET stack.sessionServiceUri() + "/api/v1/me/sessions" with "Authorization: Bearer " + token
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    /** The system property naming the folder that holds the services' fat jars. */
    public static final String SERVICES_PROPERTY = "massager.local-stack.services";

    /** The system property naming the default work directory. */
    public static final String WORK_DIRECTORY_PROPERTY = "massager.local-stack.work-dir";

    /**
     * The system property with more JVM options for the services, separated by spaces, after the stack's own
     * ({@link #SERVICE_MEMORY_OPTIONS}, {@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1}): a benchmark of a service's
     * throughput wants the JIT compilers of production ({@code -XX:TieredStopAtLevel=4}), not the quick start of the
     * local stack.
     */
    public static final String JVM_OPTIONS_PROPERTY = "massager.local-stack.jvm-options";

    /**
     * What bounds a service JVM's memory, so that each stays well under 512 MiB resident: a 256 MiB heap, and caps on
     * metaspace (about 75 MiB used) and the code cache (about 20 MiB used) that only a leak or runaway compilation
     * would reach. session-service and the nights rebuild kept 42 to 46 MiB live under the benchmarks' loads, but with
     * the serial collector the old generation fills up with dead objects between full collections, so the heap's
     * maximum becomes resident whatever the live set.
     */
    public static final List<String> SERVICE_MEMORY_OPTIONS =
            List.of("-Xmx256m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m");

    /**
     * Environment of a service JVM: at most two glibc malloc arenas instead of eight per core, so the native memory
     * of its tens of threads (Kafka's clients, Tomcat, Hikari) is not spread over arenas that each keep freed memory.
     */
    public static final Map<String, String> SERVICE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static final String LOOPBACK = "127.0.0.1";

    private static final String JWT_KEY_FILE = "jwt-signing-key.pem";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** The three services, with the ports of their {@code application.yml} defaults. */
    public enum Service {
        GATEWAY("device-gateway", 8080, 9080, null),
        SESSIONS("session-service", 8081, 9081, PostgresConnection.SESSIONS),
        ANALYTICS("analytics-service", 8082, 9082, PostgresConnection.ANALYTICS);

        private final String module;
        private final int defaultPort;
        private final int defaultManagementPort;
        private final String database;

        Service(String module, int defaultPort, int defaultManagementPort, String database) {
            this.module = module;
            this.defaultPort = defaultPort;
            this.defaultManagementPort = defaultManagementPort;
            this.database = database;
        }

        /** The service's module, which also names its jar and log. */
        public String module() {
            return module;
        }
    }

    /** Where a service listens: its API and its management (health, metrics) port. */
    record Ports(int http, int management) {}

    /**
     * How to start the stack.
     *
     * @param workDirectory holds the logs ({@code logs/<service>.log}), the device CA ({@code device-ca/}) and the
     *     API tokens' key pair ({@code jwt-signing-key.pem}, kept across runs so tokens stay valid)
     * @param servicesDirectory holds {@code device-gateway.jar}, {@code session-service.jar} and
     *     {@code analytics-service.jar}
     * @param freePorts free ports for the services instead of the well-known 8080–8082 (management 9080–9082)
     * @param readyTimeout how long the services may take to be ready
     * @param services which services to start: all three for the local stack, fewer for a benchmark of one
     * @param overrides Spring properties per service, applied after the stack's own
     * @param jvmOptions the services' JVM options; by default a small heap, the serial collector and C1 alone, for a
     *     quick start of three services on two cores. A benchmark of sustained throughput wants C2 as well.
     */
    public record Options(
            Path workDirectory,
            Path servicesDirectory,
            boolean freePorts,
            Duration readyTimeout,
            Set<Service> services,
            Map<Service, Map<String, String>> overrides,
            List<String> jvmOptions) {

        public Options {
            Objects.requireNonNull(workDirectory, "workDirectory");
            Objects.requireNonNull(servicesDirectory, "servicesDirectory");
            Objects.requireNonNull(readyTimeout, "readyTimeout");
            services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
            overrides = Map.copyOf(overrides);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /**
         * The work directory {@code target/local-stack} and the jars in {@code target/services}, unless the system
         * properties {@value #WORK_DIRECTORY_PROPERTY} and {@value #SERVICES_PROPERTY} say otherwise; the well-known
         * ports; three minutes to get ready.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(
                    Path.of(System.getProperty(WORK_DIRECTORY_PROPERTY, "target/local-stack")),
                    Path.of(System.getProperty(SERVICES_PROPERTY, "target/services")),
                    false,
                    Duration.ofMinutes(3),
                    EnumSet.allOf(Service.class),
                    Map.of(),
                    serviceJvmOptions());
        }

        public Options withWorkDirectory(Path directory) {
            return new Options(directory, servicesDirectory, freePorts, readyTimeout, services, overrides, jvmOptions);
        }

        public Options withServicesDirectory(Path directory) {
            return new Options(workDirectory, directory, freePorts, readyTimeout, services, overrides, jvmOptions);
        }

        public Options withFreePorts(boolean free) {
            return new Options(workDirectory, servicesDirectory, free, readyTimeout, services, overrides, jvmOptions);
        }

        public Options withReadyTimeout(Duration timeout) {
            return new Options(workDirectory, servicesDirectory, freePorts, timeout, services, overrides, jvmOptions);
        }

        /** The services' JVM options instead of the default ones. */
        public Options withJvmOptions(List<String> options) {
            return new Options(workDirectory, servicesDirectory, freePorts, readyTimeout, services, overrides, options);
        }

        /** Starts only {@code only}, e.g. the gateway alone for an ingest benchmark. */
        public Options withServices(Set<Service> only) {
            return new Options(workDirectory, servicesDirectory, freePorts, readyTimeout, only, overrides, jvmOptions);
        }

        /** Adds Spring properties for {@code service}, over the stack's own and earlier ones. */
        public Options withProperties(Service service, Map<String, String> properties) {
            Map<Service, Map<String, String>> all = new EnumMap<>(Service.class);
            all.putAll(overrides);
            Map<String, String> merged = new LinkedHashMap<>(all.getOrDefault(service, Map.of()));
            merged.putAll(properties);
            all.put(service, merged);
            return new Options(workDirectory, servicesDirectory, freePorts, readyTimeout, services, all, jvmOptions);
        }
    }

    private final Path workDirectory;
    private final Infrastructure infrastructure;
    private final TokenMint tokens;
    private final Map<Service, Ports> ports;
    private final List<ServiceProcess> services;
    private final Options options;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(
            Path workDirectory,
            Infrastructure infrastructure,
            TokenMint tokens,
            Map<Service, Ports> ports,
            List<ServiceProcess> services,
            Options options) {
        this.workDirectory = workDirectory;
        this.infrastructure = infrastructure;
        this.tokens = tokens;
        this.ports = ports;
        this.services = services;
        this.options = options;
    }

    /**
     * Starts the servers, then the three services side by side, and returns once all three are ready.
     *
     * @param options where and on which ports
     * @return the running stack, which the caller closes
     * @throws IllegalStateException if a port is taken, a jar is missing, or a service does not get ready (naming its
     *     log); whatever had started is stopped again
     */
    public static LocalStack start(Options options) {
        Path workDirectory = options.workDirectory().toAbsolutePath().normalize();
        // Checked before anything starts, so that a missing jar costs no server start.
        jars(options.servicesDirectory(), options.services());
        Map<Service, Ports> ports = options.freePorts() ? freePorts() : wellKnownPorts();
        TokenMint tokens;
        try {
            Files.createDirectories(workDirectory);
            Path keyFile = workDirectory.resolve(JWT_KEY_FILE);
            // Created here, before the services start, so that both API services trust the one key pair.
            tokens = new TokenMint(
                    TokenMint.loadOrCreateKeyPair(keyFile), TokenMint.DEFAULT_ISSUER, TokenMint.DEFAULT_AUDIENCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work directory " + workDirectory, e);
        }
        Infrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.ANY);
        // Written by startServices, read by close(), possibly from a shutdown hook.
        List<ServiceProcess> services = new CopyOnWriteArrayList<>();
        LocalStack stack = new LocalStack(workDirectory, infrastructure, tokens, ports, services, options);
        try {
            DeviceCa.shared().writeCa(stack.deviceCaDirectory());
            stack.startServices(options.services());
            return stack;
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Starts more services, with the properties the stack's options give them, and returns once they are ready: for
     * a benchmark that fills a topic before its consumer starts, or measures the broker before the gateway joins.
     *
     * @param more services not started yet
     * @throws IllegalStateException if one was started already, its jar is missing or it does not get ready
     */
    public synchronized void startServices(Set<Service> more) {
        startServices(more, Map.of());
    }

    /**
     * As {@link #startServices(Set)}, with more Spring properties over the options' own: for a benchmark that starts a
     * service again after stopping it, configured differently.
     *
     * @param more services not started yet
     * @param properties Spring properties per service, applied after the options' overrides
     * @throws IllegalStateException if one was started already, its jar is missing or it does not get ready
     */
    public synchronized void startServices(Set<Service> more, Map<Service, Map<String, String>> properties) {
        Map<Service, Path> jars = jars(options.servicesDirectory(), more);
        List<ServiceProcess> started = new ArrayList<>();
        for (Service service : more) {
            if (serviceProcesses().containsKey(service)) {
                throw new IllegalStateException(service.module + " runs already");
            }
            Map<String, String> serviceProperties = properties(service);
            serviceProperties.putAll(options.overrides().getOrDefault(service, Map.of()));
            serviceProperties.putAll(properties.getOrDefault(service, Map.of()));
            ServiceProcess process = ServiceProcess.start(
                    service.module,
                    jars.get(service),
                    options.jvmOptions(),
                    serviceProperties,
                    ports.get(service).management(),
                    logDirectory());
            services.add(process);
            started.add(process);
        }
        awaitReady(started, options.readyTimeout());
    }

    /**
     * Stops running services gracefully, as {@link #close()} does, leaving the servers and the other services running:
     * for a benchmark that needs a service once to prepare its database, then fills a topic before the service
     * consumes it. Services not running are skipped.
     *
     * @param fewer the services to stop
     */
    public synchronized void stopServices(Set<Service> fewer) {
        for (ServiceProcess process : services) {
            if (fewer.stream().anyMatch(service -> service.module.equals(process.name()))) {
                process.close();
                services.remove(process);
            }
        }
    }

    /**
     * The JVM options the services run with: the stack's own, then those of {@value #JVM_OPTIONS_PROPERTY}, so that
     * the later of two settings wins.
     */
    public static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(ServiceProcess.JVM_OPTIONS);
        String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** The servers: Kafka, PostgreSQL, and the MQTT broker with its device listener. */
    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** The companion-app API, e.g. {@code http://127.0.0.1:8081}. */
    public URI sessionServiceUri() {
        return uri(ports.get(Service.SESSIONS).http());
    }

    /** The insights and cohort API and the dashboard, e.g. {@code http://127.0.0.1:8082}. */
    public URI analyticsServiceUri() {
        return uri(ports.get(Service.ANALYTICS).http());
    }

    /** The gateway's management port (health, metrics), e.g. {@code http://127.0.0.1:9080}. */
    public URI gatewayManagementUri() {
        return uri(ports.get(Service.GATEWAY).management());
    }

    /** Every port the services listen on: APIs and management. */
    public List<Integer> servicePorts() {
        return ports.values().stream()
                .flatMap(p -> Stream.of(p.http(), p.management()))
                .toList();
    }

    /** The running services' processes, by service: for their memory and CPU figures. */
    public Map<Service, ProcessHandle> serviceProcesses() {
        Map<Service, ProcessHandle> processes = new EnumMap<>(Service.class);
        for (ServiceProcess process : services) {
            for (Service service : Service.values()) {
                if (service.module.equals(process.name())) {
                    processes.put(service, process.handle());
                }
            }
        }
        return processes;
    }

    /** Mints tokens that session-service and analytics-service accept. */
    public TokenMint tokens() {
        return tokens;
    }

    /** The work directory: logs, device CA, the tokens' key pair. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** Where the services' console output goes, one {@code <service>.log} each. */
    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    /** The key pair the API services trust, which {@link #tokens()} signs with. */
    public Path jwtKeyFile() {
        return workDirectory.resolve(JWT_KEY_FILE);
    }

    /** Where the device CA's certificate and key are ({@link DeviceCa#load(Path)} reads them). */
    public Path deviceCaDirectory() {
        return workDirectory.resolve("device-ca");
    }

    /** Stops the services (gracefully, side by side), then the servers. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            service.close();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    },
                    "local-stack-stop-" + service.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new IllegalStateException("Interrupted while stopping the services", e));
            }
        }
        try {
            infrastructure.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            // What a stack file says is true only while the stack runs.
            Files.deleteIfExists(workDirectory.resolve(LocalStackMain.STACK_FILE));
        } catch (IOException e) {
            failures.add(new UncheckedIOException(e));
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("The local stack did not stop cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private Map<String, String> properties(Service service) {
        Map<String, String> properties = new LinkedHashMap<>(
                service.database == null
                        ? infrastructure.springProperties()
                        : infrastructure.springProperties(service.database));
        Ports servicePorts = ports.get(service);
        properties.put("server.port", Integer.toString(servicePorts.http()));
        properties.put("server.address", LOOPBACK);
        properties.put("management.server.port", Integer.toString(servicePorts.management()));
        properties.put("management.server.address", LOOPBACK);
        if (service == Service.GATEWAY) {
            properties.put("massager.gateway.instance-id", "local-stack-gateway");
        } else {
            properties.put("massager.security.jwt.local-key-file", jwtKeyFile().toString());
            // Explicit, so that a JWT_PUBLIC_KEY or JWT_ISSUER in the developer's environment cannot change whom the
            // services trust: the tokens of tokens() must work.
            properties.put("massager.security.jwt.public-key", "");
            properties.put("massager.security.jwt.issuer", TokenMint.DEFAULT_ISSUER);
            properties.put("massager.security.jwt.audience", TokenMint.DEFAULT_AUDIENCE);
        }
        return properties;
    }

    private static URI uri(int port) {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    private static Map<Service, Path> jars(Path directory, Set<Service> services) {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        for (Service service : services) {
            Path jar = directory.resolve(service.module + ".jar").toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No " + jar + ": build the services' jars first with"
                        + " ./mvnw -pl local-stack -am -DskipTests package");
            }
            jars.put(service, jar);
        }
        return jars;
    }

    private static Map<Service, Ports> wellKnownPorts() {
        Map<Service, Ports> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            requireFree(service.defaultPort, service.module + "'s API");
            requireFree(service.defaultManagementPort, service.module + "'s management port");
            ports.put(service, new Ports(service.defaultPort, service.defaultManagementPort));
        }
        return ports;
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the services bind: a port whose last connections linger in TIME_WAIT (a stack just stopped) is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is in use: stop whatever listens there"
                    + " (another local stack?), or start with --free-ports");
        }
    }

    private static Map<Service, Ports> freePorts() {
        Map<Service, Ports> ports = new EnumMap<>(Service.class);
        Set<Integer> taken = new HashSet<>();
        for (Service service : Service.values()) {
            ports.put(service, new Ports(freePort(taken), freePort(taken)));
        }
        return ports;
    }

    /** A port free now; another process may take it before the service binds it, which its start then reports. */
    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port", e);
            }
        }
    }

    /** Waits until every service is ready, failing at once when one exits. */
    private static void awaitReady(List<ServiceProcess> services, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        // Wakes the wait below early when a service exits, so that its failure is reported without delay.
        CompletableFuture<Object> anyExit = CompletableFuture.anyOf(
                services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new));
        while (true) {
            services.forEach(ServiceProcess::requireAlive);
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (service.isReady()) {
                    log.info("{} ready after {} ms", service.name(), (System.nanoTime() - started) / 1_000_000);
                    waiting.remove(service);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw waiting.get(0).notReadyWithin(timeout);
            }
            try {
                anyExit.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // the next round checks again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the services", e);
            }
        }
    }
}
