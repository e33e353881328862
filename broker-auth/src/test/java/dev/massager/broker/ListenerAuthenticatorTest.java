package dev.massager.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ListenerAuthenticatorTest {

    private static final TestPki.Ca DEVICE_CA = TestPki.ca("Massager Device CA");

    private final ListenerAuthenticator authenticator = ListenerAuthenticator.of(
            BrokerAuthConfig.of(DEVICE_CA.certificate(), "device-gateway", "correct horse battery"),
            Clock.fixed(TestPki.NOW, ZoneOffset.UTC));

    private FakeConnect.Decision connect(FakeConnect connect) {
        FakeConnect.Decision decision = new FakeConnect.Decision();
        authenticator.onConnect(connect.input(), decision.output());
        return decision;
    }

    @Nested
    class OnTheBackendListener {

        @Test
        void shouldLetTheBackendUserDoEverything() {
            FakeConnect.Decision decision = connect(
                    FakeConnect.on("backend").clientId("gateway_1").login("device-gateway", "correct horse battery"));

            assertThat(decision.accepted).isTrue();
            assertThat(decision.permissions.asList()).isEmpty();
            assertThat(decision.permissions.getDefaultBehaviour()).isEqualTo(DefaultAuthorizationBehaviour.ALLOW);
        }

        @Test
        void shouldRefuseAClientIdThatADeviceCouldHave() {
            assertRefused(
                    connect(FakeConnect.on("backend")
                            .clientId("gateway-1")
                            .login("device-gateway", "correct horse battery")),
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "must not look like a device id");
        }

        @Test
        void shouldRefuseAWrongPassword() {
            assertRefused(
                    connect(FakeConnect.on("backend").login("device-gateway", "correct horse battery!")),
                    ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "Wrong username or password");
        }

        @Test
        void shouldRefuseAWrongUsername() {
            assertRefused(
                    connect(FakeConnect.on("backend").login("device-gateway-2", "correct horse battery")),
                    ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "Wrong username or password");
        }

        @Test
        void shouldRefuseAnAnonymousClient() {
            assertRefused(
                    connect(FakeConnect.on("backend")),
                    ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "must log in with a username and password");
        }

        @Test
        void shouldRefuseAUsernameWithoutPassword() {
            assertRefused(
                    connect(FakeConnect.on("backend").login("device-gateway", null)),
                    ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
                    "must log in with a username and password");
        }
    }

    @Nested
    class OnTheDeviceListener {

        @Test
        void shouldRefuseAClientWithoutCertificate() {
            assertRefused(
                    connect(FakeConnect.on("devices").clientId("mx-00042")),
                    ConnackReasonCode.NOT_AUTHORIZED,
                    "must present its client certificate");
        }

        @Test
        void shouldRefuseACertificateOfAnotherCa() {
            FakeConnect stranger = FakeConnect.on("devices")
                    .clientId("mx-00042")
                    .certificate(TestPki.ca("Someone Else's CA").device("CN=mx-00042"));

            assertRefused(connect(stranger), ConnackReasonCode.NOT_AUTHORIZED, "not issued by the device CA");
        }

        @Test
        void shouldRefuseADeviceUsingAnotherClientId() {
            FakeConnect impostor =
                    FakeConnect.on("devices").clientId("mx-00043").certificate(DEVICE_CA.device("CN=mx-00042"));

            assertRefused(
                    connect(impostor),
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "The client id must be the device id of the certificate, mx-00042");
        }

        @Test
        void shouldNotLetTheBackendPasswordStandInForACertificate() {
            FakeConnect connect =
                    FakeConnect.on("devices").clientId("mx-00042").login("device-gateway", "correct horse battery");

            assertRefused(connect(connect), ConnackReasonCode.NOT_AUTHORIZED, "must present its client certificate");
        }
    }

    @Nested
    class OnAnyOtherListener {

        @Test
        void shouldRefuseEvenTheBackendUser() {
            assertRefused(
                    connect(FakeConnect.on("tcp-listener-1883").login("device-gateway", "correct horse battery")),
                    ConnackReasonCode.NOT_AUTHORIZED,
                    "This listener accepts no clients");
        }

        @Test
        void shouldRefuseAClientOfAnUnnamedListener() {
            assertRefused(
                    connect(FakeConnect.on(null).certificate(DEVICE_CA.device("CN=mx-00042"))),
                    ConnackReasonCode.NOT_AUTHORIZED,
                    "This listener accepts no clients");
        }
    }

    private static void assertRefused(FakeConnect.Decision decision, ConnackReasonCode code, String reason) {
        assertThat(decision.accepted).isFalse();
        assertThat(decision.code).isEqualTo(code);
        assertThat(decision.reason).contains(reason);
    }
}
