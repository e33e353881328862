package dev.massager.broker;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a backend client (the gateway, test observers) in with the backend username and password, with every
 * permission: it subscribes to the devices' topics, shared subscriptions included. Its client id must be one no device
 * id can be (an underscore does it), so that no device can take its session over.
 *
 * <p>The credentials are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time
 * wherever the first difference is and, on digests, whatever the length of the guess.
 */
final class BackendAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(BackendAuthenticator.class);

    private final byte[] username;

    private final byte[] password;

    BackendAuthenticator(String username, String password) {
        this.username = sha256(username.getBytes(StandardCharsets.UTF_8));
        this.password = sha256(password.getBytes(StandardCharsets.UTF_8));
    }

    /** Decides a CONNECT on the backend listener: succeeds or fails the authentication, never leaves it open. */
    void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> givenUsername = connect.getUserName();
        Optional<ByteBuffer> givenPassword = connect.getPassword();
        if (givenUsername.isEmpty() || givenPassword.isEmpty()) {
            refuse(input, output, "A backend client must log in with a username and password");
            return;
        }
        // Both comparisons always run: which of the two was wrong takes no different time.
        boolean usernameMatches =
                MessageDigest.isEqual(username, sha256(givenUsername.get().getBytes(StandardCharsets.UTF_8)));
        boolean passwordMatches = MessageDigest.isEqual(password, sha256(bytes(givenPassword.get())));
        if (!(usernameMatches & passwordMatches)) {
            refuse(input, output, "Wrong username or password");
            return;
        }
        // A device connecting with this client id would take the backend client's session over, subscriptions and
        // queued messages included: backend client ids must be ones no device id can be, e.g. with an underscore.
        if (DeviceCertificates.DEVICE_ID.matcher(connect.getClientId()).matches()) {
            log.debug("Refused a backend client id shaped like a device id: {}", connect.getClientId());
            output.failAuthentication(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "A backend client id must not look like a device id: use one with an underscore");
            return;
        }
        output.getDefaultPermissions().clear();
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
        output.authenticateSuccessfully();
    }

    private static void refuse(SimpleAuthInput input, SimpleAuthOutput output, String reason) {
        log.debug(
                "Refused a backend client from {}: {}",
                input.getConnectionInformation().getInetAddress(),
                reason);
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, reason);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
