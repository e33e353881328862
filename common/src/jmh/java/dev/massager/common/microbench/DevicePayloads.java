package dev.massager.common.microbench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Locale;

/**
 * Device payloads as a massager writes them (DESIGN §4's examples), compact, with the values a real session varies:
 * {@code seq} and {@code ts} move on one second a sample, pressures cycle, the battery drains. Varying them keeps
 * the benchmarks from measuring one payload the CPU caches have learnt by heart.
 */
public final class DevicePayloads {

    /** Device time of sample 0 of session 0. */
    private static final Instant START = Instant.parse("2026-11-21T21:14:00Z");

    /** A session is this many samples long, as in DESIGN's 15-minute timer. */
    private static final int SAMPLES_PER_SESSION = 900;

    private static final String[] MODES = {"SEQUENTIAL", "WAVE", "FULL"};
    private static final String[] HEATS = {"OFF", "LOW", "HIGH"};

    private DevicePayloads() {}

    /**
     * Sample {@code n} of a device's life: session {@code n / 900}, one second after sample {@code n - 1} and 250 ms
     * past its second; sample 0 is {@code {"v":1,"seq":1042,"ts":"2026-11-21T21:14:00.250Z","session":"s-000381",...}}.
     */
    public static String sample(int n) {
        int session = n / SAMPLES_PER_SESSION;
        int second = n % SAMPLES_PER_SESSION;
        return String.format(
                Locale.ROOT,
                "{\"v\":1,\"seq\":%d,\"ts\":\"%s\",\"session\":\"%s\",\"mode\":\"%s\",\"intensity\":%d,"
                        + "\"heat\":\"%s\",\"pressure\":{\"foot\":%d,\"calf\":%d,\"thigh\":%d},\"battery\":%d}",
                seq(n),
                sampleTime(n),
                sessionId(session),
                MODES[session % 3],
                1 + session % 3,
                HEATS[session % 3],
                40 + second % 10,
                50 + second % 20,
                45 + second % 15,
                100 - second / 12);
    }

    /** Samples {@code first} to {@code first + count - 1} as one batch, {@code {"v":1,"samples":[...]}}. */
    public static String batch(int first, int count) {
        StringBuilder batch = new StringBuilder("{\"v\":1,\"samples\":[");
        for (int n = first; n < first + count; n++) {
            batch.append(n == first ? "" : ",").append(sample(n));
        }
        return batch.append("]}").toString();
    }

    /**
     * The SESSION_STARTED event of session {@code session}, just before its first sample; session 0's is {@code
     * {"v":1,"seq":1041,"ts":"2026-11-21T21:13:59.010Z","type":"SESSION_STARTED","session":"s-000381",
     * "mode":"SEQUENTIAL","intensity":1,"heat":"OFF","timerMin":15,"fw":"2.3.1"}}.
     */
    public static String sessionStarted(int session) {
        int n = session * SAMPLES_PER_SESSION;
        return String.format(
                Locale.ROOT,
                "{\"v\":1,\"seq\":%d,\"ts\":\"%s\",\"type\":\"SESSION_STARTED\",\"session\":\"%s\",\"mode\":\"%s\","
                        + "\"intensity\":%d,\"heat\":\"%s\",\"timerMin\":15,\"fw\":\"2.3.1\"}",
                seq(n) - 1,
                sessionStartedTime(session),
                sessionId(session),
                MODES[session % 3],
                1 + session % 3,
                HEATS[session % 3]);
    }

    /** The device time of sample {@code n}: sessions are three seconds apart. */
    public static Instant sampleTime(int n) {
        return START.plusSeconds(n + 3L * (n / SAMPLES_PER_SESSION)).plusMillis(250);
    }

    /** The device time of session {@code session}'s start event, just before its first sample. */
    public static Instant sessionStartedTime(int session) {
        return sampleTime(session * SAMPLES_PER_SESSION).minusMillis(1240);
    }

    public static byte[] utf8(String json) {
        return json.getBytes(UTF_8);
    }

    /** The device's counter: each session also uses numbers for its start and end events. */
    private static long seq(int n) {
        return 1042L + n + 2L * (n / SAMPLES_PER_SESSION);
    }

    private static String sessionId(int session) {
        return String.format(Locale.ROOT, "s-%06d", 381 + session);
    }
}
