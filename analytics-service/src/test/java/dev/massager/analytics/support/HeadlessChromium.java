package dev.massager.analytics.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium run as a process, for tests of the pages the service serves: {@link #dumpDom(URI)} returns the
 * DOM after the page's scripts ran, {@link #screenshot(URI, Path)} writes a PNG. Nothing is downloaded: the browser is
 * the one installed on the machine (Debian's {@code chromium} on CI), and a test without one is skipped.
 *
 * <p>Each run gets a fresh profile directory, deleted afterwards, a time limit, and is killed with its child processes
 * when it overruns. The background-networking flags matter: without them Chromium waits on update and sync
 * services that a closed network never answers.
 */
public final class HeadlessChromium {

    /** The system property that names the Chromium (or Chrome) executable to use. */
    public static final String PATH_PROPERTY = "chromium.path";

    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> ON_PATH = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio");
    /** Virtual time lets timers and fetches finish without the test waiting for wall-clock time. */
    private static final Duration VIRTUAL_TIME_BUDGET = Duration.ofSeconds(15);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /**
     * The installed Chromium, or a skipped test when there is none: call it from {@code @BeforeEach}, since a class
     * skipped in {@code @BeforeAll} is reported as zero tests, without the reason.
     *
     * @return a browser to drive
     */
    public static HeadlessChromium findOrSkip() {
        Optional<Path> executable = find();
        assumeTrue(
                executable.isPresent(),
                "Browser test skipped: no Chromium found; install Debian's chromium (apt-get install chromium) or set"
                        + " -D" + PATH_PROPERTY);
        return new HeadlessChromium(executable.get());
    }

    /**
     * Looks for {@code -Dchromium.path}, then {@code /usr/bin/chromium}, then {@code chromium},
     * {@code chromium-browser} and {@code google-chrome} on the {@code PATH}.
     *
     * @return the executable, if any
     * @throws IllegalStateException when {@code -Dchromium.path} names no executable file: a typo should fail, not skip
     */
    public static Optional<Path> find() {
        String configured = System.getProperty(PATH_PROPERTY, "");
        if (!configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException("-D" + PATH_PROPERTY + "=" + configured + " is not an executable file");
            }
            return Optional.of(path);
        }
        if (Files.isExecutable(DEBIAN_CHROMIUM)) {
            return Optional.of(DEBIAN_CHROMIUM);
        }
        List<Path> directories = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(Path::of)
                .toList();
        return ON_PATH.stream()
                .flatMap(name -> directories.stream().map(directory -> directory.resolve(name)))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /**
     * Loads the page and returns its DOM, serialized, once the virtual time budget ran out (scripts ran, fetches
     * answered).
     *
     * @param url the page
     * @return the HTML of the DOM
     */
    public String dumpDom(URI url) {
        return run(List.of("--dump-dom", "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET.toMillis(), url.toString()));
    }

    /**
     * Loads the page in a 1280 × 2200 window and writes what it shows.
     *
     * @param url the page
     * @param png where the PNG goes; replaced if it exists
     */
    public void screenshot(URI url, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + png, e);
        }
        run(List.of(
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1280,2200",
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET.toMillis(),
                url.toString()));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> arguments) {
        Path profile = null;
        Path output = null;
        Path errors = null;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
            output = Files.createTempFile("chromium-", ".out");
            errors = Files.createTempFile("chromium-", ".err");
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(
                            "Chromium did not finish within " + TIMEOUT + "; its log ends with:\n" + tail(errors));
                }
            } finally {
                // Renderer and zygote processes first: once the browser process is gone they are hard to find.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "Chromium exited with " + process.exitValue() + "; its log ends with:\n" + tail(errors));
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Chromium", e);
        } finally {
            delete(profile);
            delete(output);
            delete(errors);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                .lines()
                .toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void delete(Path path) {
        if (path == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(path);
        } catch (IOException e) {
            // A temporary file that outlives the run is not worth failing a test for.
        }
    }
}
