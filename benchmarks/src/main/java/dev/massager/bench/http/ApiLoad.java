package dev.massager.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Concurrent API clients, each over its own HTTP/1.1 keep-alive connection, recording each latency (until the whole
 * body is read) in a histogram of the request's kind. Requests started during the warm-up are not counted.
 *
 * <p>Closed loop (no rate): each client sends its next request as soon as the previous one was answered. The latency
 * then includes the time a request waits for a busy server, and the throughput is what the server sustains at that
 * concurrency. Paced (a rate): each client sends at fixed intervals, and a request is timed from when it was due, not
 * from when it was sent, so a client held up by a slow answer shows as latency instead of hiding it (no coordinated
 * omission).
 */
public final class ApiLoad {

    /** What a client does, again and again: one or more requests through {@code client}. */
    @FunctionalInterface
    public interface Visit {
        void run(Client client, SplittableRandom random) throws IOException, InterruptedException;
    }

    /**
     * What the clients measured.
     *
     * @param latencies per kind of request, in microseconds, in the order the kinds were given
     * @param all every measured request, in microseconds
     * @param measured how long the measured part lasted
     * @param throttled answers 429 (rate limited), not in the latencies
     * @param failed other answers than 200 and 429, and requests that failed without one
     * @param failures the first few failures, for the report
     */
    public record Result(
            Map<String, Histogram> latencies,
            Histogram all,
            Duration measured,
            long throttled,
            long failed,
            List<String> failures) {

        /** Measured requests answered 200 per second. */
        public double throughput() {
            return all.getTotalCount() / (measured.toNanos() / 1e9);
        }
    }

    private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;

    private static final int FAILURES_KEPT = 5;

    private final List<String> kinds;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile long measureFrom;
    private volatile long measureUntil;
    private volatile long start;
    private long intervalNanos;

    private ApiLoad(List<String> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /**
     * Runs {@code clients} clients, each repeating {@code visit}, for {@code warmup} and then {@code duration}.
     *
     * @param rate requests per second over all clients, or 0 for a closed loop
     * @param kinds the kinds of request the visits make, in the order the result lists them
     * @param seed makes the clients' random choices repeatable
     * @param atMeasureStart run when the warm-up ends, e.g. to read CPU counters
     */
    public static Result run(
            int clients,
            double rate,
            Duration warmup,
            Duration duration,
            List<String> kinds,
            long seed,
            Runnable atMeasureStart,
            Visit visit)
            throws InterruptedException {
        ApiLoad load = new ApiLoad(kinds);
        load.intervalNanos = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
        return load.run(clients, warmup, duration, seed, atMeasureStart, visit);
    }

    private Result run(int clients, Duration warmup, Duration duration, long seed, Runnable atMeasureStart, Visit visit)
            throws InterruptedException {
        start = System.nanoTime();
        measureFrom = start + warmup.toNanos();
        measureUntil = measureFrom + duration.toNanos();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.schedule(atMeasureStart, warmup.toNanos(), TimeUnit.NANOSECONDS);
        timer.shutdown();
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            // Paced clients start evenly spread over one interval, not all at once.
            Client client = new Client(intervalNanos * i / clients);
            SplittableRandom random = seeds.split();
            all.add(client);
            Thread thread = new Thread(() -> client.loop(visit, random), "api-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        timer.awaitTermination(1, TimeUnit.MINUTES);
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        Histogram total = histogram();
        for (String kind : kinds) {
            Histogram merged = histogram();
            all.forEach(client -> merged.add(client.latencies.get(kind)));
            latencies.put(kind, merged);
            total.add(merged);
        }
        return new Result(latencies, total, duration, throttled.get(), failed.get(), List.copyOf(failures));
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** One client: its own HTTP client (one keep-alive connection, as requests go one at a time) and histograms. */
    public final class Client {

        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private final Map<String, Histogram> latencies = new LinkedHashMap<>();
        private final long offset;
        private long sent;

        private Client(long offset) {
            this.offset = offset;
            kinds.forEach(kind -> latencies.put(kind, histogram()));
        }

        private void loop(Visit visit, SplittableRandom random) {
            try {
                while (System.nanoTime() < measureUntil) {
                    visit.run(this, random);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                fail("client stopped: " + e);
            }
        }

        /**
         * Sends a GET with the bearer token and reads the whole answer.
         *
         * @param kind the histogram it counts in
         * @return the body of a 200 answer; {@code null} otherwise, or once the run is over
         */
        public String get(String kind, URI uri, String token) throws InterruptedException {
            long due = System.nanoTime();
            if (intervalNanos > 0) {
                due = start + offset + sent++ * intervalNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            if (due >= measureUntil) {
                return null;
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                fail(uri + ": " + e);
                return null;
            }
            long micros = (System.nanoTime() - due) / 1_000;
            boolean measured = due >= measureFrom;
            if (response.statusCode() == 200) {
                if (measured) {
                    latencies.get(kind).recordValue(Math.min(micros, HIGHEST_MICROS));
                }
                return response.body();
            }
            if (response.statusCode() == 429) {
                throttled.incrementAndGet();
            } else {
                fail(uri + ": " + response.statusCode() + " " + response.body());
            }
            return null;
        }
    }

    private void fail(String failure) {
        failed.incrementAndGet();
        if (failures.size() < FAILURES_KEPT) {
            failures.add(failure);
        }
    }

    /** A latency in microseconds as milliseconds, e.g. {@code 4.21 ms}. */
    public static String millis(double micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    /** The p50, p99, p99.9 and max of a histogram in microseconds, e.g. for a line of the report. */
    public static String summary(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "no requests";
        }
        return String.format(
                Locale.ROOT,
                "p50 %s, p99 %s, p99.9 %s, max %s (%,d requests)",
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()),
                micros.getTotalCount());
    }
}
