package dev.massager.stack;

import dev.massager.infra.mqtt.DeviceCa;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

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

    /** The demo user whose token is printed; a simulated fleet will pair its devices to users named like it. */
    static final String DEMO_USER = "sim-user-0001";

    /** A device whose certificate and key are written for trying the broker by hand. */
    static final String DEMO_DEVICE = "demo-0001";

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
        LocalStack.Options options = parse(args, LocalStack.Options.defaults());
        System.out.println(
                "Starting the local stack in " + options.workDirectory().toAbsolutePath() + " ...");
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping the local stack...");
                            long stopping = System.nanoTime();
                            try {
                                stack.close();
                                System.out.printf(
                                        "Stopped the services and the servers in %.1f s.%n", seconds(stopping));
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "local-stack-stop"));
        Path device = stack.workDirectory().resolve("devices");
        DeviceCa.shared().writeDeviceIdentity(DEMO_DEVICE, device);
        System.out.println(readyBlock(stack, seconds(started)));
        afterReady(stack);
        stopped.await();
    }

    /**
     * Called once the stack is ready and its details are printed; the place for whatever should run against it (such
     * as a simulated fleet). Does nothing yet.
     *
     * @param stack the running stack; stopping it is the shutdown hook's job
     */
    static void afterReady(LocalStack stack) {}

    static LocalStack.Options parse(String[] args, LocalStack.Options defaults) {
        LocalStack.Options options = defaults;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--free-ports")) {
                options = options.withFreePorts(true);
            } else if (arg.equals("--work-dir") && i + 1 < args.length) {
                options = options.withWorkDirectory(Path.of(args[++i]));
            } else if (arg.startsWith("--work-dir=")) {
                options = options.withWorkDirectory(Path.of(arg.substring("--work-dir=".length())));
            } else {
                throw new IllegalArgumentException("Unknown or incomplete option '" + arg
                        + "'. Usage: LocalStackMain [--work-dir <directory>] [--free-ports]");
            }
        }
        return options;
    }

    static String readyBlock(LocalStack stack, double seconds) {
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
