package dev.massager.session.sessions;

import dev.massager.api.problem.BadRequest;
import jakarta.validation.constraints.NotBlank;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The opaque page token of the session history: the position (started at, session id) of a page's last session,
 * in URL-safe Base64, signed with HMAC-SHA256 for the user it was issued to. A token that is not one, was changed,
 * or belongs to another user is refused as a bad {@code cursor}.
 */
@Component
class SessionCursor {

    private static final int POSITION_BYTES = Long.BYTES + Integer.BYTES + 2 * Long.BYTES;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    @Autowired
    SessionCursor(Properties properties) {
        this(properties.key());
    }

    SessionCursor(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A token for the position after {@code position}, for {@code userId}. */
    String encode(String userId, Position position) {
        ByteBuffer bytes = ByteBuffer.allocate(POSITION_BYTES + MAC_BYTES);
        bytes.putLong(position.startedAt().getEpochSecond())
                .putInt(position.startedAt().getNano())
                .putLong(position.sessionId().getMostSignificantBits())
                .putLong(position.sessionId().getLeastSignificantBits());
        bytes.put(mac(userId, Arrays.copyOf(bytes.array(), POSITION_BYTES)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The position in {@code token}, or a {@link BadRequest} naming {@code cursor}. */
    Position decode(String userId, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (bytes.length != POSITION_BYTES + MAC_BYTES) {
            throw malformed();
        }
        byte[] position = Arrays.copyOf(bytes, POSITION_BYTES);
        byte[] mac = Arrays.copyOfRange(bytes, POSITION_BYTES, bytes.length);
        if (!MessageDigest.isEqual(mac, mac(userId, position))) {
            throw malformed();
        }
        ByteBuffer buffer = ByteBuffer.wrap(position);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        UUID sessionId = new UUID(buffer.getLong(), buffer.getLong());
        try {
            return new Position(Instant.ofEpochSecond(seconds, nanos), sessionId);
        } catch (RuntimeException e) {
            throw malformed();
        }
    }

    private byte[] mac(String userId, byte[] position) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(userId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(position), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static BadRequest malformed() {
        return new BadRequest("cursor", "is not a cursor this service issued; start again without one");
    }

    /**
     * Where a page ended, in the order (started at descending, session id descending).
     *
     * @param startedAt the last session's start
     * @param sessionId the last session's id
     */
    record Position(Instant startedAt, UUID sessionId) {}

    /**
     * How page tokens are signed.
     *
     * @param key the HMAC key; every instance of the service needs the same one, and changing it only invalidates
     *     the tokens in flight
     */
    @Validated
    @ConfigurationProperties("massager.sessions.cursor")
    record Properties(
            @NotBlank @DefaultValue("local-session-cursor-key")
            String key) {}
}
