package dev.massager.broker;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;

/**
 * Why a client may not connect: the CONNACK reason code, and a reason string that MQTT 5 clients receive and the broker
 * logs. Reason strings never repeat what the client sent, which could be anything.
 */
final class Refusal extends Exception {

    private final transient ConnackReasonCode code;

    Refusal(ConnackReasonCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    ConnackReasonCode code() {
        return code;
    }
}
