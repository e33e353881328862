package dev.massager.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.massager.common.PayloadException;
import dev.massager.common.device.TelemetrySample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever bytes arrive, the codec either decodes them or refuses them with a {@link PayloadException}:
 * never another exception, which would take down an MQTT callback. Inputs come from seeded generators, so
 * a failure names its seed and input and reproduces.
 */
class RobustnessTest {

    private static final long SEED = 0x6D617373L;
    private static final PayloadCodec CODEC = new PayloadCodec();
    private static final List<Class<?>> TYPES =
            CODEC.types().stream().sorted(Comparator.comparing(Class::getName)).toList();
    private static final List<String> FIXTURES = List.copyOf(Fixtures.ALL.keySet());
    private static final String PLACEHOLDER = "\u0001placeholder\u0001";

    /**
     * Decodes {@code input} as every contract type, and as telemetry; fails on anything but a refusal.
     *
     * @return whether some decoding succeeded
     */
    private static boolean assertDecodesOrRefuses(byte[] input, String origin) {
        return assertDecodesOrRefuses(input, origin, TYPES);
    }

    /** As {@link #assertDecodesOrRefuses(byte[], String)}, decoding as each of {@code types}. */
    private static boolean assertDecodesOrRefuses(byte[] input, String origin, List<Class<?>> types) {
        boolean decoded = false;
        for (Class<?> type : types) {
            Object value =
                    decodeOrRefuse(input, origin + " as " + type.getSimpleName(), () -> CODEC.decode(input, type));
            if (value != null) {
                decoded = true;
                assertThat(CODEC.decode(CODEC.encode(value), type)).as(origin).isEqualTo(value);
            }
        }
        Object samples = decodeOrRefuse(input, origin + " as telemetry", () -> CODEC.decodeTelemetry(input));
        if (samples != null) {
            decoded = true;
            assertThat((List<?>) samples)
                    .isNotEmpty()
                    .allSatisfy(sample -> assertThat(CODEC.encode(sample)).isNotEmpty());
        }
        return decoded;
    }

    /** The decoded value, or {@code null} after checking that the refusal is a {@link PayloadException}. */
    private static Object decodeOrRefuse(byte[] input, String description, Supplier<Object> decode) {
        Object[] result = new Object[1];
        Throwable thrown = catchThrowable(() -> result[0] = decode.get());
        if (thrown == null) {
            return result[0];
        }
        Supplier<String> context =
                () -> description + ", input (hex): " + HexFormat.of().formatHex(input);
        assertThat(thrown).as(context).isExactlyInstanceOf(PayloadException.class);
        assertThat(((PayloadException) thrown).detail()).as(context).isNotBlank();
        return null;
    }

    private static List<Class<?>> typeOf(String fixture) {
        return List.of(Fixtures.ALL.get(fixture));
    }

    @Nested
    class RandomBytes {

        @Test
        void shouldRefuseRandomBytes() {
            Random random = new Random(SEED);
            for (int i = 0; i < 2_000; i++) {
                byte[] input = new byte[random.nextInt(300)];
                random.nextBytes(input);
                assertDecodesOrRefuses(input, "random bytes #" + i + " (seed " + SEED + ")");
            }
        }

        @Test
        void shouldRefuseRandomPrintableText() {
            Random random = new Random(SEED + 1);
            String alphabet = "{}[]:,\"\\ 0123456789.eE+-truefalsnl/uabcdef\n";
            for (int i = 0; i < 2_000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(120);
                for (int j = 0; j < length; j++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertDecodesOrRefuses(
                        Fixtures.utf8(text.toString()), "random text #" + i + " (seed " + (SEED + 1) + ")");
            }
        }
    }

    @Nested
    class DamagedFixtures {

        @Test
        void shouldRefuseEveryTruncationOfEveryFixture() {
            for (String fixture : FIXTURES) {
                byte[] bytes = Fixtures.bytes(fixture);
                for (int length = 0; length < bytes.length; length++) {
                    assertDecodesOrRefuses(
                            Arrays.copyOf(bytes, length), fixture + " cut to " + length + " bytes", typeOf(fixture));
                }
            }
        }

        @Test
        void shouldSurviveByteFlipsInsertionsAndDeletions() {
            Random random = new Random(SEED + 2);
            for (int i = 0; i < 3_000; i++) {
                String fixture = FIXTURES.get(random.nextInt(FIXTURES.size()));
                byte[] input = damage(Fixtures.bytes(fixture), random);
                assertDecodesOrRefuses(
                        input, "damaged " + fixture + " #" + i + " (seed " + (SEED + 2) + ")", typeOf(fixture));
            }
        }

        private byte[] damage(byte[] bytes, Random random) {
            byte[] result = bytes;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(result.length);
                switch (random.nextInt(3)) {
                    case 0 -> result[at] = (byte) random.nextInt(256);
                    case 1 -> {
                        byte[] longer = new byte[result.length + 1];
                        System.arraycopy(result, 0, longer, 0, at);
                        longer[at] = (byte) "{}[]\",:0-9e\\".charAt(random.nextInt(12));
                        System.arraycopy(result, at, longer, at + 1, result.length - at);
                        result = longer;
                    }
                    default -> {
                        if (result.length > 1) {
                            byte[] shorter = new byte[result.length - 1];
                            System.arraycopy(result, 0, shorter, 0, at);
                            System.arraycopy(result, at + 1, shorter, at, result.length - at - 1);
                            result = shorter;
                        }
                    }
                }
            }
            return result;
        }
    }

    @Nested
    class GeneratedJson {

        @Test
        void shouldSurviveRandomJsonDocuments() {
            RandomJson json = new RandomJson(new Random(SEED + 3));
            for (int i = 0; i < 1_000; i++) {
                String document = json.document();
                assertDecodesOrRefuses(Fixtures.utf8(document), "random JSON #" + i + " (seed " + (SEED + 3) + ")");
            }
        }

        @Test
        void shouldSurviveOneFieldOfAValidFixtureReplacedByAnything() {
            Random random = new Random(SEED + 4);
            RandomJson json = new RandomJson(random);
            int decoded = 0;
            int inputs = 4_000;
            for (int i = 0; i < inputs; i++) {
                String fixture = FIXTURES.get(random.nextInt(FIXTURES.size()));
                JsonNode tree = Fixtures.tree(fixture);
                List<JsonNode> containers = new ArrayList<>();
                collectContainers(tree, containers);
                JsonNode container = containers.get(random.nextInt(containers.size()));
                String replacement = json.fragment();
                if (container instanceof ObjectNode object) {
                    List<String> names = new ArrayList<>(object.propertyNames());
                    String name = random.nextInt(10) == 0 || names.isEmpty()
                            ? json.key()
                            : names.get(random.nextInt(names.size()));
                    if (random.nextInt(6) == 0) {
                        object.remove(name);
                    } else {
                        object.put(name, PLACEHOLDER);
                    }
                } else if (container instanceof ArrayNode array && !array.isEmpty()) {
                    array.set(
                            random.nextInt(array.size()),
                            Fixtures.JSON.getNodeFactory().stringNode(PLACEHOLDER));
                }
                String document = Fixtures.JSON
                        .writeValueAsString(tree)
                        .replace("\"" + PLACEHOLDER.replace("\u0001", "\\u0001") + "\"", replacement);
                if (assertDecodesOrRefuses(
                        Fixtures.utf8(document),
                        fixture + " with a field replaced #" + i + " (seed " + (SEED + 4) + ")",
                        typeOf(fixture))) {
                    decoded++;
                }
            }
            // Unknown fields are ignored, so some replacements keep the payload valid: both outcomes occur.
            assertThat(decoded).isBetween(inputs / 20, inputs - inputs / 20);
        }

        private void collectContainers(JsonNode node, List<JsonNode> into) {
            if (node.isContainer()) {
                into.add(node);
                node.values().forEach(child -> collectContainers(child, into));
            }
        }
    }

    @Nested
    class Extremes {

        @Test
        void shouldRefuseDeepNestingOfAnyDepth() {
            for (int depth : new int[] {15, 16, 17, 33, 1_000, 20_000}) {
                assertDecodesOrRefuses(Fixtures.utf8("[".repeat(depth) + "]".repeat(depth)), "arrays nested " + depth);
                assertDecodesOrRefuses(
                        Fixtures.utf8("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)), "objects nested " + depth);
                assertDecodesOrRefuses(Fixtures.utf8("[".repeat(depth)), "unclosed arrays " + depth);
            }
        }

        @Test
        void shouldSurviveExtremeNumbersInEveryNumericField() {
            String[] numbers = {
                "1e999",
                "-1e999",
                "1e-999",
                "1e999999999",
                "-0",
                "-0.0",
                "4.9e-324",
                "1.7976931348623157e308",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1.5",
                "3.0000000001",
                "123456789012345678901234567890123456789012345678901234567890123",
                "0.00000000000000000000000001"
            };
            for (String fixture : FIXTURES) {
                String text = Fixtures.text(fixture);
                for (String number : numbers) {
                    String document = text.replaceAll("(?<=: )-?\\d+(\\.\\d+)?(?=[,\\s}])", number);
                    assertDecodesOrRefuses(Fixtures.utf8(document), fixture + " with every number " + number);
                }
            }
        }

        @Test
        void shouldSurviveOddUnicodeInEveryStringField() {
            String[] strings = {
                "\\ud800",
                "\\udfff\\ud800",
                "\\u0000",
                "\\u202e",
                "\\ufeff",
                "😀",
                "é",
                "\\ud83d\\ude00",
                "",
                " ",
                "A".repeat(70),
                "\\\\",
                "\\\"",
                "\\/",
                "\u0085",
                "\u2028"
            };
            for (String fixture : FIXTURES) {
                String text = Fixtures.text(fixture);
                for (String string : strings) {
                    String document =
                            text.replaceAll("(?<=: )\"[^\"]*\"", "\"" + Matcher.quoteReplacement(string) + "\"");
                    assertDecodesOrRefuses(Fixtures.utf8(document), fixture + " with every string " + string);
                }
            }
        }

        @Test
        void shouldSurviveByteOrderMarksAndOtherEncodings() {
            byte[] sample = Fixtures.bytes(Fixtures.SAMPLE);
            byte[] withBom = new byte[sample.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(sample, 0, withBom, 3, sample.length);
            assertDecodesOrRefuses(withBom, "sample with a UTF-8 byte order mark");
            assertDecodesOrRefuses(
                    Fixtures.text(Fixtures.SAMPLE).getBytes(StandardCharsets.UTF_16BE), "sample in UTF-16BE");
            assertDecodesOrRefuses(
                    Fixtures.text(Fixtures.SAMPLE).getBytes(StandardCharsets.UTF_16LE), "sample in UTF-16LE");
            assertDecodesOrRefuses(new byte[] {(byte) 0xC0, (byte) 0x80}, "overlong NUL");
            assertDecodesOrRefuses(new byte[] {0, 0, 0, '{', 0, 0, 0, '}'}, "UTF-32BE object");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void shouldGiveTheSameAnswersFromManyThreads() throws Exception {
            byte[] sample = Fixtures.bytes(Fixtures.SAMPLE);
            byte[] batch = Fixtures.bytes(Fixtures.BATCH);
            byte[] bad = Fixtures.with(Fixtures.SAMPLE, "/pressure/calf", "300");
            Object expectedSample = CODEC.decode(sample, TelemetrySample.class);
            List<?> expectedBatch = CODEC.decodeTelemetry(batch);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            boolean same = expectedSample.equals(CODEC.decode(sample, TelemetrySample.class))
                                    && expectedBatch.equals(CODEC.decodeTelemetry(batch))
                                    && "/pressure/calf".equals(refusedField(bad));
                            if (!same) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private String refusedField(byte[] payload) {
            try {
                CODEC.decodeTelemetry(payload);
                return "accepted";
            } catch (PayloadException e) {
                return e.field().orElse("none");
            }
        }
    }

    /** Random JSON-ish text: the contract's own field names and enum values, plus anything else. */
    private static final class RandomJson {

        private static final String[] KEYS = {
            "v",
            "seq",
            "ts",
            "session",
            "mode",
            "intensity",
            "heat",
            "pressure",
            "foot",
            "calf",
            "thigh",
            "battery",
            "samples",
            "type",
            "timerMin",
            "fw",
            "reason",
            "code",
            "state",
            "sessionId",
            "revision",
            "userId",
            "deviceId",
            "status",
            "startedAt",
            "endedAt",
            "endReason",
            "secondsByMode",
            "intensities",
            "heats",
            "mean",
            "max",
            "timeZone",
            "eventId",
            "night",
            "cramps",
            "severity",
            "muscles",
            "wokeUp",
            "note",
            "updatedAt",
            "deleted",
            "requestedAt",
            "payload",
            "truncated",
            "originalSize",
            "receivedAt",
            "field"
        };
        private static final String[] WORDS = {
            "WAVE",
            "FULL",
            "SEQUENTIAL",
            "OFF",
            "LOW",
            "HIGH",
            "SESSION_STARTED",
            "SETTINGS_CHANGED",
            "SESSION_ENDED",
            "FAULT",
            "TIMER",
            "LEAK",
            "ONLINE",
            "OFFLINE",
            "ENDED",
            "OPEN",
            "INCOMPLETE",
            "CALF_LEFT",
            "TOO_LARGE",
            "2026-11-21T21:14:03.250Z",
            "2026-11-21t21:14:03z",
            "1970-01-01T00:00:00Z",
            "2026-11-21",
            "Europe/Paris",
            "UTC",
            "6f1c2a4e-8b1d-4f5e-9a3c-2d7b8e9f0a11",
            "s-1",
            "2.3.1",
            "AAEC",
            "wave",
            "\\ud800",
            "\\u0000",
            "😀"
        };

        private final Random random;
        private int budget;

        RandomJson(Random random) {
            this.random = random;
        }

        /** A document of at most a few hundred values, so generation stays fast. */
        String document() {
            budget = 400;
            return object(0);
        }

        /** A value of at most a few hundred values, to put inside a fixture. */
        String fragment() {
            budget = 300;
            return value(2);
        }

        String key() {
            return random.nextInt(8) == 0 ? string() : "\"" + KEYS[random.nextInt(KEYS.length)] + "\"";
        }

        String object(int depth) {
            StringBuilder json = new StringBuilder("{");
            int size = random.nextInt(depth == 0 ? 14 : 5);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(key()).append(':').append(value(depth + 1));
            }
            return json.append('}').toString();
        }

        String value(int depth) {
            budget--;
            int kind = depth > 20 || budget <= 0 ? random.nextInt(7) : random.nextInt(9);
            return switch (kind) {
                case 0 -> "null";
                case 1 -> random.nextBoolean() ? "true" : "false";
                case 2 -> Integer.toString(random.nextInt(600) - 100);
                case 3 -> number();
                case 4, 5 -> string();
                case 6 -> "\"" + WORDS[random.nextInt(WORDS.length)] + "\"";
                case 7 -> array(depth);
                default -> object(depth);
            };
        }

        private String array(int depth) {
            StringBuilder json = new StringBuilder("[");
            int size = random.nextInt(random.nextInt(20) == 0 ? 600 : 6);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(value(depth + 1));
            }
            return json.append(']').toString();
        }

        private String number() {
            return switch (random.nextInt(6)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> Double.toString(random.nextGaussian() * 1e6);
                case 2 -> "1e" + (random.nextInt(2000) - 1000);
                case 3 -> "9".repeat(1 + random.nextInt(40));
                case 4 -> "-0";
                default -> random.nextInt(4) + ".0";
            };
        }

        private String string() {
            StringBuilder text = new StringBuilder("\"");
            int length = random.nextInt(random.nextInt(30) == 0 ? 200 : 12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append(String.format("\\u%04x", random.nextInt(0x10000)));
                    case 1 -> text.append("!#$%&'()*+,-./:;<=>?@[]^_`{|}~ ".charAt(random.nextInt(31)));
                    case 2 -> text.appendCodePoint(0xA0 + random.nextInt(0x2000));
                    case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(0x50));
                    default -> text.append((char) ('a' + random.nextInt(26)));
                }
            }
            return text.append('"').toString();
        }
    }
}
