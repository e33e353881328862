package dev.massager.simulator.cli;

import dev.massager.api.security.TokenMint;
import dev.massager.infra.mqtt.DeviceCa;
import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.api.Tokens;
import dev.massager.simulator.fleet.Fleet;
import dev.massager.simulator.fleet.FleetSpec;
import dev.massager.simulator.run.Connection;
import dev.massager.simulator.run.History;
import dev.massager.simulator.run.Live;
import dev.massager.simulator.run.Load;
import dev.massager.simulator.run.LoadReport;
import dev.massager.simulator.run.Progress;
import dev.massager.simulator.run.Simulation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code simulator history|live|run|load}: a simulated fleet against a running system. Addresses and credentials come
 * from the stack file the local stack writes ({@code --stack}), or one by one.
 */
@Command(
        name = "simulator",
        mixinStandardHelpOptions = true,
        description = "Virtual massagers and their users against a running massager backend.",
        subcommands = {
            SimulatorCommand.HistoryCommand.class,
            SimulatorCommand.LiveCommand.class,
            SimulatorCommand.RunCommand.class,
            SimulatorCommand.LoadCommand.class
        })
public final class SimulatorCommand {

    public static void main(String[] args) {
        // Before the first logger: the class path brings other logback.xml files, which log every Kafka detail.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/massager/simulator/simulator-logback.xml");
        }
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    /** Where the system is, and the credentials to reach it. */
    static final class Target {

        @Option(
                names = "--stack",
                description = "The stack file a running local stack wrote (default: ${DEFAULT-VALUE}).",
                defaultValue = "local-stack/target/local-stack/stack.properties")
        Path stack;

        @Option(names = "--mqtt-uri", description = "The broker's device listener, e.g. ssl://127.0.0.1:8883.")
        String mqttUri;

        @Option(names = "--device-ca", description = "Folder with the device CA's certificate and key.")
        Path deviceCa;

        @Option(names = "--api", description = "session-service, e.g. http://localhost:8081.")
        URI api;

        @Option(names = "--jwt-key-file", description = "The key the services trust (JWT_LOCAL_KEY_FILE).")
        Path jwtKeyFile;

        @Option(names = "--kafka", description = "Kafka bootstrap servers (load mode).")
        String kafka;

        private Properties stackFile() {
            Properties properties = new Properties();
            if (Files.isRegularFile(stack)) {
                try (InputStream in = Files.newInputStream(stack)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return properties;
        }

        private String value(String given, String key, String option) {
            if (given != null) {
                return given;
            }
            String fromStack = stackFile().getProperty(key);
            if (fromStack == null) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this),
                        "no " + option + " given and no '" + key + "' in " + stack.toAbsolutePath()
                                + " (start the local stack first, or give " + option + ")");
            }
            return fromStack;
        }

        Connection connection() {
            DeviceCa ca = DeviceCa.load(
                    Path.of(value(deviceCa == null ? null : deviceCa.toString(), "device-ca.dir", "--device-ca")));
            return new Connection(value(mqttUri, "mqtt.device-uri", "--mqtt-uri"), ca::deviceSocketFactory);
        }

        CompanionApi api() {
            TokenMint mint = TokenMint.fromKeyFile(
                    Path.of(value(jwtKeyFile == null ? null : jwtKeyFile.toString(), "jwt.key-file", "--jwt-key-file")),
                    TokenMint.DEFAULT_ISSUER,
                    TokenMint.DEFAULT_AUDIENCE);
            return new CompanionApi(
                    URI.create(value(api == null ? null : api.toString(), "session-service.url", "--api")),
                    new Tokens(mint));
        }

        String kafka() {
            return value(kafka, "kafka.bootstrap-servers", "--kafka");
        }
    }

    /** Who the fleet is. */
    static final class FleetOptions {

        @Option(names = "--seed", description = "Same seed, same fleet and nights (default: ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--devices", description = "Massagers, one per user (default: ${DEFAULT-VALUE}).")
        int devices = 50;

        @Option(
                names = "--prefix",
                description = "Names the fleet: users <prefix>-user-0001..., devices <prefix>-0001... (default:"
                        + " ${DEFAULT-VALUE}, the local stack's fleet).")
        String prefix = "sim";

        @Option(
                names = "--relative-risk",
                description =
                        "True effect of an evening session on the chance of a cramp night (default: ${DEFAULT-VALUE}).")
        double relativeRisk = 0.6;

        @Option(
                names = "--zones",
                split = ",",
                description = "The users' IANA time zones, assigned in turn (default: six zones around the world).")
        List<ZoneId> zones = FleetSpec.DEFAULT_ZONES;

        Fleet fleet() {
            return new Fleet(FleetSpec.builder(seed, devices)
                    .prefix(prefix)
                    .relativeRisk(relativeRisk)
                    .zones(zones)
                    .build());
        }
    }

    @Command(name = "history", description = "Enrols the fleet and uploads past nights quickly, then exits.")
    static final class HistoryCommand implements Callable<Integer> {

        @Mixin
        Target target = new Target();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--days", description = "Nights of history per user (default: ${DEFAULT-VALUE}).")
        int days = 60;

        @Override
        public Integer call() {
            Simulation simulation = new Simulation(fleet.fleet(), target.api(), target.connection(), Clock.systemUTC());
            simulation.enrol();
            History.Result result = simulation.history(days, new Progress("history", fleet.devices, System.out));
            System.out.println(describe(result));
            return 0;
        }
    }

    @Command(name = "live", description = "Enrols the fleet and runs it in real time until Ctrl-C.")
    static final class LiveCommand implements Callable<Integer> {

        @Mixin
        Target target = new Target();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Override
        public Integer call() throws InterruptedException {
            Simulation simulation = new Simulation(fleet.fleet(), target.api(), target.connection(), Clock.systemUTC());
            simulation.enrol();
            runLive(simulation);
            return 0;
        }
    }

    @Command(name = "run", description = "history, then live until Ctrl-C.")
    static final class RunCommand implements Callable<Integer> {

        @Mixin
        Target target = new Target();

        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--days", description = "Nights of history per user (default: ${DEFAULT-VALUE}).")
        int days = 60;

        @Override
        public Integer call() throws InterruptedException {
            Simulation simulation = new Simulation(fleet.fleet(), target.api(), target.connection(), Clock.systemUTC());
            simulation.enrol();
            System.out.println(describe(simulation.history(days, new Progress("history", fleet.devices, System.out))));
            runLive(simulation);
            return 0;
        }
    }

    @Command(
            name = "load",
            description = "Telemetry at a fixed rate; reports the rate achieved and publish-to-Kafka latency.")
    static final class LoadCommand implements Callable<Integer> {

        @Mixin
        Target target = new Target();

        @Option(names = "--devices", description = "Devices publishing (default: ${DEFAULT-VALUE}).")
        int devices = 100;

        @Option(names = "--rate", description = "Messages per second in all (default: ${DEFAULT-VALUE}).")
        int rate = 2_000;

        @Option(names = "--duration", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
        int duration = 60;

        @Option(names = "--warmup", description = "Seconds sent first and not counted (default: ${DEFAULT-VALUE}).")
        int warmup = 10;

        @Option(names = "--report-dir", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
        Path reportDir = Path.of("target", "simulator");

        /** Time for what is still on its way after the measured part, e.g. queued in the broker. */
        private static final Duration DRAIN = Duration.ofSeconds(60);

        @Override
        public Integer call() throws Exception {
            LoadReport report;
            try (Load load = Load.open(target.connection(), devices, "load", System.out)) {
                load.readFrom(target.kafka());
                report = load.run(rate, Duration.ofSeconds(duration), Duration.ofSeconds(warmup), DRAIN, System.out);
            }
            String markdown = report.toMarkdown();
            System.out.println(markdown);
            Files.createDirectories(reportDir);
            Path file = reportDir.resolve(
                    "load-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
            Files.writeString(file, markdown);
            System.out.println("Written to " + file.toAbsolutePath());
            return report.lost() == 0 ? 0 : 1;
        }
    }

    static String describe(History.Result result) {
        return String.format(
                "history: %d users, nights %s to %s, %,d sessions, %,d messages; logged nights with a session %d"
                        + " (%d with cramps), without %d (%d with cramps)",
                result.users(),
                result.first(),
                result.last(),
                result.sessions(),
                result.messages(),
                result.loggedWithSession(),
                result.crampsWithSession(),
                result.loggedWithoutSession(),
                result.crampsWithoutSession());
    }

    private static void runLive(Simulation simulation) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Live live = simulation.live().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            live.close();
            stopped.countDown();
        }));
        System.out.println("live: the fleet runs in real time; Ctrl-C stops it.");
        stopped.await();
    }
}
