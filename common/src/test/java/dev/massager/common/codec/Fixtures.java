package dev.massager.common.codec;

import dev.massager.common.device.DeviceEvent;
import dev.massager.common.device.DeviceStatus;
import dev.massager.common.device.TelemetryBatch;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.diary.CrampNight;
import dev.massager.common.ingest.RejectedMessage;
import dev.massager.common.privacy.UserErasure;
import dev.massager.common.session.SessionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden payloads under {@code src/test/resources/fixtures/}, and variations of them. Shipped in this module's test jar,
 * so the services' tests read the same documents.
 */
public final class Fixtures {

    public static final String SAMPLE = "device/telemetry-sample.json";
    public static final String BATCH = "device/telemetry-batch.json";
    public static final String SESSION_STARTED = "device/event-session-started.json";
    public static final String SETTINGS_CHANGED = "device/event-settings-changed.json";
    public static final String SESSION_ENDED = "device/event-session-ended.json";
    public static final String FAULT = "device/event-fault.json";
    public static final String STATUS = "device/status-online.json";
    public static final String SESSION_SUMMARY = "kafka/session-summary-ended.json";
    public static final String CRAMP_NIGHT = "kafka/cramp-night.json";
    public static final String USER_ERASURE = "kafka/user-erasure.json";
    public static final String REJECTED_MESSAGE = "kafka/rejected-message.json";

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    /** Every golden fixture with the record type it holds. */
    public static final Map<String, Class<?>> ALL = all();

    /** A plain mapper, independent of the codec's, to build and compare test documents. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {}

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put(SAMPLE, TelemetrySample.class);
        all.put(BATCH, TelemetryBatch.class);
        all.put(SESSION_STARTED, DeviceEvent.class);
        all.put(SETTINGS_CHANGED, DeviceEvent.class);
        all.put(SESSION_ENDED, DeviceEvent.class);
        all.put(FAULT, DeviceEvent.class);
        all.put("device/event-fault-outside-session.json", DeviceEvent.class);
        all.put(STATUS, DeviceStatus.class);
        all.put("device/status-offline.json", DeviceStatus.class);
        all.put(SESSION_SUMMARY, SessionSummary.class);
        all.put("kafka/session-summary-incomplete.json", SessionSummary.class);
        all.put("kafka/session-summary-open.json", SessionSummary.class);
        all.put(CRAMP_NIGHT, CrampNight.class);
        all.put("kafka/cramp-night-none.json", CrampNight.class);
        all.put("kafka/cramp-night-deleted.json", CrampNight.class);
        all.put(USER_ERASURE, UserErasure.class);
        all.put(REJECTED_MESSAGE, RejectedMessage.class);
        all.put("kafka/rejected-message-truncated.json", RejectedMessage.class);
        return Collections.unmodifiableMap(all);
    }

    public static byte[] bytes(String fixture) {
        return CACHE.computeIfAbsent(fixture, Fixtures::read).clone();
    }

    private static byte[] read(String fixture) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String fixture) {
        return JSON.readTree(bytes(fixture));
    }

    /** The fixture with the value at {@code pointer} replaced by the JSON literal {@code json}. */
    public static byte[] with(String fixture, String pointer, String json) {
        return with(bytes(fixture), pointer, json);
    }

    /** {@code document} with the value at {@code pointer} replaced by the JSON literal {@code json}. */
    public static byte[] with(byte[] document, String pointer, String json) {
        JsonNode root = JSON.readTree(document);
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
    public static byte[] without(String fixture, String pointer) {
        return without(bytes(fixture), pointer);
    }

    /** {@code document} without the field at {@code pointer}. */
    public static byte[] without(byte[] document, String pointer) {
        JsonNode root = JSON.readTree(document);
        int cut = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, cut))).remove(pointer.substring(cut + 1));
        return JSON.writeValueAsBytes(root);
    }

    public static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture's text with {@code from} replaced, for input a JSON tree cannot hold (e.g. 1e999). */
    public static byte[] replacing(String fixture, String from, String to) {
        String text = text(fixture);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(fixture + " has no " + from);
        }
        return utf8(text.replace(from, to));
    }

    public static String text(String fixture) {
        return new String(bytes(fixture), StandardCharsets.UTF_8);
    }

    /** A batch of {@code count} copies of the sample fixture. */
    public static byte[] batchOf(int count) {
        return utf8("{\"v\":1,\"samples\":[" + String.join(",", Collections.nCopies(count, text(SAMPLE))) + "]}");
    }
}
