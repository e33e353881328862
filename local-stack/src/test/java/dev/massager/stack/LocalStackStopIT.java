package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it, in a JVM of its own: started, then stopped as Ctrl-C or a SIGTERM stops it. */
@Order(1)
class LocalStackStopIT {

    private static final Pattern PORT_ARGUMENT = Pattern.compile("--(?:server|management\\.server)\\.port=(\\d+)");

    private Process launcher;

    @AfterEach
    void killWhatIsLeft() {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void shouldStopTheServicesAndServersOnSigterm(@TempDir Path workDirectory) throws Exception {
        Path output = Files.createDirectories(Path.of("target")).resolve("local-stack-stop-it.log");
        launcher = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-D" + LocalStack.SERVICES_PROPERTY + "=" + System.getProperty(LocalStack.SERVICES_PROPERTY),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalStackMain.class.getName(),
                        "--free-ports",
                        "--work-dir",
                        workDirectory.toString(),
                        // A small fleet: its history, its wait for the services and its live run are stopped too.
                        "--devices",
                        "3",
                        "--days",
                        "2")
                .redirectErrorStream(true)
                // A file, not a pipe: destroy() closes the pipe, and the lines the shutdown prints would be lost.
                .redirectOutput(output.toFile())
                .start();

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .failFast("the launcher exited, see " + output, () -> !launcher.isAlive())
                .until(() -> Files.readString(output).contains(LocalStackMain.READY));
        assertThat(Files.readString(output)).contains("history: 3/3");
        assertThat(workDirectory.resolve(LocalStackMain.STACK_FILE)).isNotEmptyFile();
        List<ProcessHandle> descendants = launcher.descendants().toList();
        List<ProcessHandle> services = descendants.stream()
                .filter(process -> arguments(process).contains("-jar"))
                .toList();
        List<Integer> ports = services.stream()
                .flatMap(process -> ports(arguments(process)).stream())
                .toList();
        assertThat(services).as("service JVMs among %s", descendants).hasSize(3);
        assertThat(ports)
                .hasSize(6)
                .allSatisfy(port -> assertThat(isFree(port))
                        .as("port %d in use while running", port)
                        .isFalse());

        launcher.destroy(); // SIGTERM: the shutdown hooks run, as on Ctrl-C

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !launcher.isAlive());
        assertThat(descendants)
                .as("the launcher's child processes after it stopped")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(ports)
                .allSatisfy(port -> assertThat(isFree(port))
                        .as("port %d free after the stop", port)
                        .isTrue());
        assertThat(Files.readString(output))
                .contains("Stopping the local stack", "Stopped the services and the servers");
        assertThat(workDirectory.resolve("logs").resolve("device-gateway.log")).isNotEmptyFile();
        assertThat(workDirectory.resolve(LocalStackMain.STACK_FILE)).doesNotExist();
    }

    private static String arguments(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        return arguments.map(values -> String.join(" ", values)).orElse("");
    }

    private static List<Integer> ports(String arguments) {
        List<Integer> ports = new ArrayList<>();
        Matcher matcher = PORT_ARGUMENT.matcher(arguments);
        while (matcher.find()) {
            ports.add(Integer.parseInt(matcher.group(1)));
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
