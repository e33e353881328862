package dev.massager.broker;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a device in as the device its client certificate proves ({@link DeviceCertificates}), with the client id
 * equal to that device id, and gives it the permissions of {@link DevicePermissions}. A device that connects again
 * with the same client id takes over its own session, which no other certificate can do.
 */
final class DeviceAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    private final DeviceCertificates certificates;

    private final Clock clock;

    DeviceAuthenticator(DeviceCertificates certificates, Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
    }

    /** Decides a CONNECT on the device listener: succeeds or fails the authentication, never leaves it open. */
    void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        try {
            String deviceId = deviceId(input);
            DevicePermissions.grant(output.getDefaultPermissions(), deviceId);
            output.authenticateSuccessfully();
        } catch (Refusal refusal) {
            log.debug(
                    "Refused a device from {}: {}",
                    input.getConnectionInformation().getInetAddress(),
                    refusal.getMessage());
            output.failAuthentication(refusal.code(), refusal.getMessage());
        }
    }

    private String deviceId(SimpleAuthInput input) throws Refusal {
        Optional<X509Certificate> certificate = input.getConnectionInformation()
                .getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isEmpty()) {
            throw new Refusal(ConnackReasonCode.NOT_AUTHORIZED, "A device must present its client certificate");
        }
        String deviceId = certificates.deviceIdOf(certificate.get(), clock.instant());
        if (!deviceId.equals(input.getConnectPacket().getClientId())) {
            throw new Refusal(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "The client id must be the device id of the certificate, " + deviceId);
        }
        return deviceId;
    }
}
