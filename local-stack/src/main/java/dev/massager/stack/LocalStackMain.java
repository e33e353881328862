package dev.massager.stack;

import dev.massager.infra.mqtt.DeviceCa;
import dev.massager.simulator.run.Live;
import dev.massager.simulator.run.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the local stack until Ctrl-C (or SIGTERM): prints where everything is and tokens to try it with, then waits;
 * stopping stops the services and the servers.
 *
 * <pre>
 * ./mvnw -pl local-stack -am -DskipTests -Prun package                 # from a clean clone
 * ./mvnw -pl local-stack -am -DskipTests -Prun package -Dexec.args="--free-ports --work-dir /tmp/stack"
 * </pre>
 *
 * Options: {@code --work-dir <dir>} (default {@code local-stack/target/local-stack}), {@code --free-ports} (free ports
 * instead of 8080–8082 and 9080–9082).
 */
public final class LocalStackMain {

    /** The start of the line that says the stack is ready, which scripts and tests can wait for. */
    public static final String READY = "=== Massager local stack is ready";

    /** The demo user whose token is printed: the first user of the simulated fleet. */
    static final String DEMO_USER = "sim-user-0001";

    /** Where the stack's addresses are written, in the work directory. */
    static final String STACK_FILE = "stack.properties";

    /**
     * A device whose certificate and key are written for trying the broker by hand: the demo user's massager, so
     * that what it sends shows in that user's history.
     */
    static final String DEMO_DEVICE = "sim-0001";

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private static final String LOGGING_CONFIGURATION = "logback.configurationFile";

    private LocalStackMain() {}

    /**
     * Starts the stack, prints the ready block and waits until the JVM is asked to stop.
     *
     * @param args the options, see the class comment
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        // Before the first logger: the jars bring HiveMQ's logback.xml, which logs every server's detail at INFO.
        if (System.getProperty(LOGGING_CONFIGURATION) == null) {
            System.setProperty(LOGGING_CONFIGURATION, "dev/massager/stack/local-stack-logback.xml");
        }
        Launch launch = parse(args, LocalStack.Options.defaults());
        if (launch.help()) {
            System.out.println(new CommandLine(new Arguments()).getUsageMessage());
            return;
        }
        System.out.println(
                "Starting the local stack in " + launch.stack().workDirectory().toAbsolutePath() + " ...");
        LocalStack stack = LocalStack.start(launch.stack());
        AtomicReference<Live> fleet = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            System.out.println("Stopping the local stack...");
                            long stopStarted = System.nanoTime();
                            try {
                                Optional.ofNullable(fleet.get()).ifPresent(Live::close);
                                stack.close();
                                System.out.printf(
                                        "Stopped the services and the servers in %.1f s.%n", seconds(stopStarted));
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "local-stack-stop"));
        System.out.printf(Locale.ROOT, "The services are ready (%.1f s).%n", seconds(started));
        Path device = stack.workDirectory().resolve("devices");
        DeviceCa.shared().writeDeviceIdentity(DEMO_DEVICE, device);
        try {
            Optional<Simulation> simulation =
                    launch.fleet().map(simulated -> simulated.uploadHistory(stack, System.out));
            Path stackFile = writeStackFile(stack);
            System.out.println(readyBlock(stack, seconds(started), stackFile));
            if (simulation.isPresent()) {
                System.out.println("The services are still taking in the history: the figures fill in as they do.");
                LocalFleet.awaitConsumersCaughtUp(stack.infrastructure().kafka().bootstrapServers(), System.out);
                System.out.printf(
                        Locale.ROOT,
                        "The history is processed (%.1f s after the start). The fleet now runs live: a device"
                                + " connects when its user starts a session.%n",
                        seconds(started));
                fleet.set(simulation.get().live().start());
            }
        } catch (RuntimeException e) {
            if (stopping.get()) {
                return; // Ctrl-C while getting ready: the shutdown hook stops the stack (System.exit would block)
            }
            // Exiting runs the shutdown hook, which stops the stack; returning would leave the servers' threads (and
            // the Maven JVM that runs this) alive.
            System.err.println("The local stack could not get ready: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    /**
     * Writes where everything is, for the simulator's command line ({@code --stack}) and for scripts.
     *
     * @return the file, {@code stack.properties} in the work directory
     */
    static Path writeStackFile(LocalStack stack) {
        Properties properties = new Properties();
        properties.setProperty("mqtt.device-uri", stack.infrastructure().mqtt().deviceServerUri());
        properties.setProperty(
                "device-ca.dir", stack.deviceCaDirectory().toAbsolutePath().toString());
        properties.setProperty("session-service.url", stack.sessionServiceUri().toString());
        properties.setProperty(
                "analytics-service.url", stack.analyticsServiceUri().toString());
        properties.setProperty(
                "jwt.key-file", stack.jwtKeyFile().toAbsolutePath().toString());
        properties.setProperty(
                "kafka.bootstrap-servers", stack.infrastructure().kafka().bootstrapServers());
        Path file = stack.workDirectory().resolve(STACK_FILE);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "The running local stack; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /**
     * What to start.
     *
     * @param stack the stack's options
     * @param fleet the simulated fleet, absent with {@code --no-fleet}
     * @param help whether only the usage was asked for ({@code --help})
     */
    record Launch(LocalStack.Options stack, Optional<LocalFleet> fleet, boolean help) {}

    @Command(name = "local-stack", mixinStandardHelpOptions = true, description = "The whole backend on one machine.")
    static final class Arguments {

        @Option(names = "--work-dir", description = "Logs, device CA, the tokens' key pair.")
        Path workDirectory;

        @Option(names = "--free-ports", description = "Free ports for the services instead of 8080-8082, 9080-9082.")
        boolean freePorts;

        @Option(names = "--no-fleet", description = "No simulated fleet.")
        boolean noFleet;

        @Option(names = "--devices", description = "Simulated massagers, one per user (default: ${DEFAULT-VALUE}).")
        int devices = LocalFleet.DEFAULT.devices();

        @Option(names = "--days", description = "Nights of history per user (default: ${DEFAULT-VALUE}).")
        int days = LocalFleet.DEFAULT.days();

        @Option(names = "--seed", description = "The fleet's seed (default: ${DEFAULT-VALUE}).")
        long seed = LocalFleet.DEFAULT.seed();
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException for an unknown or incomplete option, with the usage
     */
    static Launch parse(String[] args, LocalStack.Options defaults) {
        Arguments arguments = new Arguments();
        CommandLine command = new CommandLine(arguments);
        try {
            command.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + command.getUsageMessage(), e);
        }
        LocalStack.Options options = defaults.withFreePorts(arguments.freePorts || defaults.freePorts());
        if (arguments.workDirectory != null) {
            options = options.withWorkDirectory(arguments.workDirectory);
        }
        Optional<LocalFleet> fleet = arguments.noFleet
                ? Optional.empty()
                : Optional.of(new LocalFleet(arguments.seed, arguments.devices, arguments.days));
        return new Launch(options, fleet, command.isUsageHelpRequested() || command.isVersionHelpRequested());
    }

    static String readyBlock(LocalStack stack, double seconds, Path stackFile) {
        String admin = stack.tokens().mint("local-admin", List.of("admin"), TOKEN_LIFETIME);
        String user = stack.tokens().mint(DEMO_USER, List.of("user"), TOKEN_LIFETIME);
        String analyst = stack.tokens().mint("analyst", List.of("analyst"), TOKEN_LIFETIME);
        String sessions = forBrowser(stack.sessionServiceUri());
        String analytics = forBrowser(stack.analyticsServiceUri());
        String deviceUri = stack.infrastructure().mqtt().deviceServerUri();
        Path devices = stack.workDirectory().resolve("devices");
        return new StringBuilder()
                .append('\n')
                .append(READY)
                .append(String.format(Locale.ROOT, " (%.1f s). Ctrl-C stops it. ===%n%n", seconds))
                .append(row("Companion API", sessions + "/api/v1/me"))
                .append(row("", "OpenAPI: " + sessions + "/swagger-ui.html"))
                .append(row("Analytics API", analytics + "/api/v1/me/insights"))
                .append(row("", "OpenAPI: " + analytics + "/swagger-ui.html"))
                .append(row("Dashboard", analytics + "/dashboard/#token=" + analyst))
                .append(row("Gateway health", forBrowser(stack.gatewayManagementUri()) + "/actuator/health"))
                .append(String.format(
                        "%nTokens (valid %d h, header \"Authorization: Bearer <token>\"):%n", TOKEN_LIFETIME.toHours()))
                .append(row("admin", admin))
                .append(row("user " + DEMO_USER, user))
                .append(row("analyst", analyst))
                .append('\n')
                .append(row("MQTT devices", deviceUri + " (TLS, client certificate; client id = device id)"))
                .append(row("Device CA", stack.deviceCaDirectory() + " (ca.crt, ca.key: DeviceCa.load)"))
                .append(row("Demo device", devices + " (" + DEMO_DEVICE + ".crt, " + DEMO_DEVICE + ".key, ca.crt)"))
                .append(row(
                        "",
                        "mosquitto_pub -h 127.0.0.1 -p " + URI.create(deviceUri).getPort() + " --cafile "
                                + devices.resolve("ca.crt") + " --cert " + devices.resolve(DEMO_DEVICE + ".crt")
                                + " --key " + devices.resolve(DEMO_DEVICE + ".key") + " -i " + DEMO_DEVICE
                                + " -V mqttv5 -q 1 -t massagers/" + DEMO_DEVICE + "/events -m '{...}'"))
                .append(row("Service logs", stack.logDirectory().toString()))
                .append(row("Stack file", stackFile + " (for the simulator's --stack)"))
                .toString();
    }

    /** The same address as a browser would write it. */
    private static String forBrowser(URI uri) {
        return "http://localhost:" + uri.getPort();
    }

    private static String row(String what, String value) {
        return String.format("  %-20s %s%n", what, value);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
