package dev.massager.common.topic;

import dev.massager.common.RejectReason;
import java.util.Objects;

/**
 * An MQTT topic outside the device layout. The reason is {@link RejectReason#UNKNOWN_TOPIC} or {@link
 * RejectReason#INVALID_DEVICE_ID}, ready for a rejected-message record.
 */
public class InvalidTopicException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final String detail;

    /** A refusal of a topic for {@code reason}, explained by {@code detail}. */
    public InvalidTopicException(RejectReason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = detail;
    }

    /** {@link RejectReason#UNKNOWN_TOPIC} or {@link RejectReason#INVALID_DEVICE_ID}. */
    public RejectReason reason() {
        return reason;
    }

    /** The explanation, without the reason code. */
    public String detail() {
        return detail;
    }
}
