package dev.massager.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.massager.common.codec.Fixtures;
import java.util.Collections;

/** Device payloads for the ingest tests: the golden fixtures of {@code common}, and variations of them. */
final class Payloads {

    /** One sample, {@code ts} 2026-11-21T21:14:03.250Z. */
    static final String SAMPLE = Fixtures.SAMPLE;

    /** Three samples, seq 2001 to 2003, {@code ts} 2026-11-21T22:05:01Z to 22:05:03.500Z. */
    static final String BATCH = Fixtures.BATCH;

    /** A SESSION_STARTED event, {@code ts} 2026-11-21T21:13:58.010Z. */
    static final String EVENT = Fixtures.SESSION_STARTED;

    /** An ONLINE status, {@code ts} 2026-11-21T21:13:50Z. */
    static final String STATUS = Fixtures.STATUS;

    private Payloads() {}

    static byte[] bytes(String fixture) {
        return Fixtures.bytes(fixture);
    }

    static String text(String fixture) {
        return Fixtures.text(fixture);
    }

    /** The fixture as compact JSON, about 200 bytes for a sample. */
    static String compact(String fixture) {
        return Fixtures.JSON.writeValueAsString(Fixtures.tree(fixture));
    }

    static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** The fixture with the value at {@code pointer} replaced by (or set to) the JSON literal {@code json}. */
    static byte[] with(String fixture, String pointer, String json) {
        return Fixtures.with(fixture, pointer, json);
    }

    /** The fixture without the field at {@code pointer}. */
    static byte[] without(String fixture, String pointer) {
        return Fixtures.without(fixture, pointer);
    }

    /** The sample fixture with {@code ts} set to {@code ts}. */
    static byte[] sampleAt(String ts) {
        return with(SAMPLE, "/ts", "\"" + ts + "\"");
    }

    /** A batch of {@code count} copies of the sample fixture, compact. */
    static byte[] batchOf(int count) {
        return utf8("{\"v\":1,\"samples\":[" + String.join(",", Collections.nCopies(count, compact(SAMPLE))) + "]}");
    }

    /** Well-formed JSON nested {@code depth} objects deep. */
    static byte[] nested(int depth) {
        return utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }
}
