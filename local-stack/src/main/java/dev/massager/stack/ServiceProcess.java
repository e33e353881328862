package dev.massager.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One service's fat jar running in a JVM of its own, as in production: its properties as {@code --name=value}
 * arguments, its console output in a log file, readiness from its management port.
 */
final class ServiceProcess implements AutoCloseable {

    /**
     * A small heap ({@link LocalStack#SERVICE_MEMORY_OPTIONS}), the serial collector and the C1 compiler only: three
     * service JVMs and the servers share two cores here, and C2's background compilation would mostly compete with
     * the start-up it is meant to speed up.
     */
    static final List<String> JVM_OPTIONS = Stream.concat(
                    LocalStack.SERVICE_MEMORY_OPTIONS.stream(),
                    Stream.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"))
            .toList();

    /** How long a service has to stop after SIGTERM (Spring's graceful shutdown) before it is killed. */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(20);

    private static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static final int LOG_LINES_IN_ERRORS = 25;

    private final String name;
    private final Process process;
    private final Path log;
    private final URI readiness;

    private ServiceProcess(String name, Process process, Path log, URI readiness) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.readiness = readiness;
    }

    /**
     * Starts a service without waiting for it.
     *
     * @param name the service's name, which also names its log file
     * @param jar its fat jar
     * @param jvmOptions options of its JVM, such as {@link #JVM_OPTIONS}
     * @param properties its Spring properties, given as {@code --name=value} arguments
     * @param managementPort where its readiness probe answers
     * @param logDirectory where its console output goes, as {@code <name>.log} (replaced)
     * @return the starting service
     */
    static ServiceProcess start(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, String> properties,
            int managementPort,
            Path logDirectory) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log").toAbsolutePath();
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Unless this JVM's environment sets them already.
            LocalStack.SERVICE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
            Process process = builder.start();
            return new ServiceProcess(
                    name,
                    process,
                    log,
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " from " + jar, e);
        }
    }

    /** The same {@code java} as this JVM's, so the services run on the JDK that built them. */
    private static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes when the process has exited. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Whether the service says it is ready.
     *
     * @return true when its readiness probe answers 200
     * @throws IllegalStateException if the process has exited, naming its log file
     */
    boolean isReady() {
        requireAlive();
        try {
            HttpRequest request = HttpRequest.newBuilder(readiness)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /**
     * Fails if the process has exited.
     *
     * @throws IllegalStateException naming the exit code and the log file, with the log's last lines
     */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with code " + process.exitValue() + "; see its log " + log + tail());
        }
    }

    /** The error for a service that did not get ready in time. */
    IllegalStateException notReadyWithin(Duration timeout) {
        return new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s (" + readiness
                + "); see its log " + log + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size());
            return last.isEmpty() ? "" : "\nIts last lines:\n  " + String.join("\n  ", last);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /**
     * Stops the service: SIGTERM to it and its descendants (Spring shuts down gracefully), then after
     * {@link #GRACE_PERIOD} SIGKILL to whatever is left. Returns once all of them are gone.
     */
    @Override
    public void close() {
        // Collected first: once the service is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(0, process.toHandle());
        processes.forEach(ProcessHandle::destroy);
        if (!allExited(processes, GRACE_PERIOD)) {
            processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (!allExited(processes, Duration.ofSeconds(10))) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not stop, even killed");
            }
        }
    }

    private static boolean allExited(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?> all = CompletableFuture.allOf(
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
