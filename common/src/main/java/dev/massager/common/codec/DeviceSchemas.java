package dev.massager.common.codec;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The device payload schemas shipped in this jar under {@value #RESOURCE_DIR}, compiled once. Schemas are
 * read from the classpath here and handed to the registry by their {@code $id}, so resolving a {@code $ref}
 * never depends on a class loader's URL handling (fat jars) or on the network.
 *
 * <p>Every check is bounded by the size of one sample or event, whatever the input: the validator reports
 * every error it finds, so a 2 KB batch of 500 empty objects would otherwise cost thousands of errors. A
 * batch is therefore checked as its envelope first (the batch schema without {@code items}: version, 1 to
 * 500 samples), then sample by sample, stopping at the first bad one. That reports the same error a full
 * validation would put first, since a field of sample 3 sorts before any field of sample 4.
 */
final class DeviceSchemas {

    static final String RESOURCE_DIR = "/schemas/device/";
    static final String BASE_ID = "https://massager.dev/schemas/device/";

    static final String TELEMETRY_SAMPLE = "telemetry-sample.schema.json";
    static final String TELEMETRY_BATCH = "telemetry-batch.schema.json";
    static final String DEVICE_EVENT = "device-event.schema.json";
    static final String DEVICE_STATUS = "device-status.schema.json";
    private static final String COMMON = "common.schema.json";
    private static final String BATCH_ENVELOPE = "telemetry-batch-envelope";

    private static final List<String> FILES =
            List.of(COMMON, TELEMETRY_SAMPLE, TELEMETRY_BATCH, DEVICE_EVENT, DEVICE_STATUS);

    private final Map<String, String> byId = new LinkedHashMap<>();
    private final SchemaRegistry registry;

    DeviceSchemas() {
        for (String file : FILES) {
            byId.put(BASE_ID + file, read(file));
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // 2020-12 treats "format" as an annotation unless asked: we want bad timestamps refused.
                .formatAssertionsEnabled(true)
                // Details end up in dead-letter records: the same words whatever the server's locale.
                .locale(Locale.ENGLISH)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(byId));
    }

    /** The compiled schema of {@code file}, with all its references resolved now rather than on first use. */
    Schema get(String file) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE_ID + file));
        schema.initializeValidators();
        return schema;
    }

    /** A check of one sample, one event or one status against the schema in {@code file}. */
    Consumer<JsonNode> checkOf(String file) {
        Schema schema = get(file);
        return tree -> validate(schema, tree, "");
    }

    /** The check of a batch: envelope first, then each sample until the first bad one. */
    Consumer<JsonNode> batchCheck() {
        ObjectNode envelopeNode = (ObjectNode) JsonMapper.shared().readTree(byId.get(BASE_ID + TELEMETRY_BATCH));
        ((ObjectNode) envelopeNode.at("/properties/samples")).remove("items");
        envelopeNode.put("$id", BASE_ID + BATCH_ENVELOPE);
        Schema envelope = registry.getSchema(SchemaLocation.of(BASE_ID + BATCH_ENVELOPE), envelopeNode);
        envelope.initializeValidators();
        Schema sample = get(TELEMETRY_SAMPLE);
        return tree -> {
            validate(envelope, tree, "");
            JsonNode samples = tree.get("samples");
            for (int i = 0; i < samples.size(); i++) {
                validate(sample, samples.get(i), "/samples/" + i);
            }
        };
    }

    /** Throws the most specific {@link dev.massager.common.PayloadException} if {@code tree} breaks {@code schema}. */
    private static void validate(Schema schema, JsonNode tree, String at) {
        List<com.networknt.schema.Error> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw SchemaErrors.mostSpecific(errors).under(at);
        }
    }

    private static String read(String file) {
        try (InputStream in = DeviceSchemas.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the classpath: " + RESOURCE_DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
