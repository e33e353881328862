package dev.massager.common.device;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import java.util.List;

/**
 * Samples buffered while the device was offline, uploaded together (schema {@code
 * telemetry-batch.schema.json}). Each sample keeps its own {@code seq} and {@code ts}.
 *
 * @param samples 1 to {@value DeviceLimits#MAX_BATCH_SAMPLES} samples, in the order sent
 */
@JsonPropertyOrder({"v", "samples"})
public record TelemetryBatch(List<TelemetrySample> samples) {

    public TelemetryBatch {
        samples = Require.list(samples, "samples");
        if (samples.isEmpty()) {
            throw new PayloadException(RejectReason.OUT_OF_RANGE, "/samples", "samples must not be empty");
        }
        if (samples.size() > DeviceLimits.MAX_BATCH_SAMPLES) {
            throw new PayloadException(
                    RejectReason.TOO_MANY_ITEMS,
                    "/samples",
                    "at most " + DeviceLimits.MAX_BATCH_SAMPLES + " samples, was " + samples.size());
        }
    }

    /** The payload version; always {@value DeviceLimits#VERSION}. */
    @JsonProperty("v")
    public int v() {
        return DeviceLimits.VERSION;
    }
}
