package dev.massager.gateway.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Device payloads for the ingest tests: copies of the golden fixtures of {@code common} under {@code
 * src/test/resources/ingest/}, and variations of them.
 */
final class Payloads {

    /** One sample, {@code ts} 2026-11-21T21:14:03.250Z. */
    static final String SAMPLE = "telemetry-sample.json";

    /** Three samples, seq 2001 to 2003, {@code ts} 2026-11-21T22:05:01Z to 22:05:03.500Z. */
    static final String BATCH = "telemetry-batch.json";

    /** A SESSION_STARTED event, {@code ts} 2026-11-21T21:13:58.010Z. */
    static final String EVENT = "event-session-started.json";

    /** An ONLINE status, {@code ts} 2026-11-21T21:13:50Z. */
    static final String STATUS = "status-online.json";

    /** A plain mapper, independent of the codec under test, to build test documents. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {}

    static byte[] bytes(String fixture) {
        try (InputStream in = Payloads.class.getResourceAsStream("/ingest/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String fixture) {
        return new String(bytes(fixture), UTF_8);
    }

    /** The fixture as compact JSON, about 200 bytes for a sample. */
    static String compact(String fixture) {
        return JSON.writeValueAsString(JSON.readTree(bytes(fixture)));
    }

    static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** The fixture with the value at {@code pointer} replaced by (or set to) the JSON literal {@code json}. */
    static byte[] with(String fixture, String pointer, String json) {
        JsonNode root = JSON.readTree(bytes(fixture));
        JsonNode value = JSON.readTree(json);
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return JSON.writeValueAsBytes(root);
    }

    /** The fixture without the field at {@code pointer}. */
    static byte[] without(String fixture, String pointer) {
        JsonNode root = JSON.readTree(bytes(fixture));
        int cut = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, cut))).remove(pointer.substring(cut + 1));
        return JSON.writeValueAsBytes(root);
    }

    /** The sample fixture with {@code ts} set to {@code ts}. */
    static byte[] sampleAt(String ts) {
        return with(SAMPLE, "/ts", "\"" + ts + "\"");
    }

    /** A batch of {@code count} copies of the sample fixture. */
    static byte[] batchOf(int count) {
        return utf8("{\"v\":1,\"samples\":[" + String.join(",", Collections.nCopies(count, compact(SAMPLE))) + "]}");
    }

    /** Well-formed JSON nested {@code depth} objects deep. */
    static byte[] nested(int depth) {
        return utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }
}
