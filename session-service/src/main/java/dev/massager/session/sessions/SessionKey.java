package dev.massager.session.sessions;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What identifies a session on the wire: the device and the device's own session id.
 *
 * @param deviceId the device
 * @param deviceSessionId the device's session id
 */
public record SessionKey(String deviceId, String deviceSessionId) {

    public SessionKey {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceSessionId, "deviceSessionId");
    }

    /**
     * The session's public id, derived from the key (a name-based UUID) rather than drawn at random: the same
     * messages give the same id in any database, on any replay.
     */
    public UUID sessionId() {
        // Neither part can contain '/': device ids are [A-Za-z0-9-], and the separator keeps ("a", "b/c") apart
        // from ("a/b", "c") for any session id.
        return UUID.nameUUIDFromBytes(
                ("massager-session/" + deviceId + "/" + deviceSessionId).getBytes(StandardCharsets.UTF_8));
    }
}
