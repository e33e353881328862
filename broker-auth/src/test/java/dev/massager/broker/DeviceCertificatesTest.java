package dev.massager.broker;

import static dev.massager.broker.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceCertificatesTest {

    private static final TestPki.Ca DEVICE_CA = TestPki.ca("Massager Device CA");

    private final DeviceCertificates certificates = new DeviceCertificates(List.of(DEVICE_CA.certificate()));

    @Nested
    class CommonName {

        @Test
        void shouldFindTheCommonNameAmongTheOtherAttributes() throws Refusal {
            X500Principal subject = new X500Principal("C=DE, O=Massager GmbH, OU=Factory 2, CN=mx-00042");

            assertThat(DeviceCertificates.commonName(subject)).isEqualTo("mx-00042");
        }

        @Test
        void shouldFindItInAMultiValuedRelativeName() throws Refusal {
            X500Principal subject = new X500Principal("O=Massager GmbH, SERIALNUMBER=42+CN=mx-00042");

            assertThat(DeviceCertificates.commonName(subject)).isEqualTo("mx-00042");
        }

        @Test
        void shouldUnescapeSpecialCharacters() throws Refusal {
            X500Principal subject = new X500Principal("CN=mx\\,00042\\+x");

            assertThat(DeviceCertificates.commonName(subject)).isEqualTo("mx,00042+x");
        }

        @Test
        void shouldRefuseANameWithoutCommonName() {
            assertThatExceptionOfType(Refusal.class)
                    .isThrownBy(() -> DeviceCertificates.commonName(new X500Principal("O=Massager GmbH")))
                    .withMessageContaining("exactly one common name (CN), not 0");
        }

        @Test
        void shouldRefuseANameWithTwoCommonNames() {
            assertThatExceptionOfType(Refusal.class)
                    .isThrownBy(() -> DeviceCertificates.commonName(new X500Principal("CN=mx-00042, CN=mx-00043")))
                    .withMessageContaining("not 2");
        }

        @Test
        void shouldRefuseACommonNameThatIsNotAString() {
            // An OCTET STRING where a string belongs: RFC 2253 renders it as #hex.
            X500Principal subject = new X500Principal("CN=#04086d782d3030303432");

            assertThatExceptionOfType(Refusal.class)
                    .isThrownBy(() -> DeviceCertificates.commonName(subject))
                    .withMessageContaining("not a string");
        }
    }

    @Nested
    class DeviceId {

        @Test
        void shouldBeTheCommonNameOfACertificateOfTheDeviceCa() throws Refusal {
            X509Certificate device = DEVICE_CA.device("O=Massager GmbH, CN=mx-00042");

            assertThat(certificates.deviceIdOf(device, NOW)).isEqualTo("mx-00042");
        }

        @Test
        void shouldAcceptTheCertificatesOfEachConfiguredCaWhileOneIsReplaced() throws Refusal {
            TestPki.Ca next = TestPki.ca("Massager Device CA 2");
            DeviceCertificates both = new DeviceCertificates(List.of(DEVICE_CA.certificate(), next.certificate()));

            assertThat(both.deviceIdOf(next.device("CN=mx-00043"), NOW)).isEqualTo("mx-00043");
            assertThat(both.deviceIdOf(DEVICE_CA.device("CN=mx-00042"), NOW)).isEqualTo("mx-00042");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mx1", "-mx-00042", "mx_00042", "mx 00042", "mx/00042", "mx-+", "mx-#"})
        void shouldRefuseACommonNameThatIsNotADeviceId(String commonName) {
            X509Certificate device =
                    DEVICE_CA.device("CN=" + commonName.replace("+", "\\+").replace("#", "\\#"));

            assertRefused(device, "not a device id");
        }

        @Test
        void shouldRefuseACommonNameLongerThan64Characters() {
            assertRefused(DEVICE_CA.device("CN=m" + "x".repeat(64)), "not a device id");
        }
    }

    @Nested
    class Issuer {

        @Test
        void shouldRefuseACertificateOfAnotherCa() {
            X509Certificate stranger = TestPki.ca("Someone Else's CA").device("CN=mx-00042");

            assertRefused(stranger, "not issued by the device CA");
        }

        @Test
        void shouldRefuseACertificateOfAnotherCaWithTheSameName() {
            X509Certificate forged = TestPki.ca("Massager Device CA").device("CN=mx-00042");

            assertRefused(forged, "not issued by the device CA");
        }

        @Test
        void shouldRefuseTheCaCertificateItself() {
            X509Certificate intermediate = DEVICE_CA.issue(
                    "CN=mx-00042", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), null, true);

            assertRefused(intermediate, "CA certificate is not a device certificate");
        }

        @Test
        void shouldRefuseACertificateMeantForServers() {
            X509Certificate server = DEVICE_CA.issue(
                    "CN=mqtt-broker",
                    NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(1)),
                    KeyPurposeId.id_kp_serverAuth,
                    false);

            assertRefused(server, "not meant for TLS client authentication");
        }

        @Test
        void shouldAcceptACertificateWithoutExtendedKeyUsage() throws Refusal {
            X509Certificate device = DEVICE_CA.issue(
                    "CN=mx-00042", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), null, false);

            assertThat(certificates.deviceIdOf(device, NOW)).isEqualTo("mx-00042");
        }
    }

    @Nested
    class Validity {

        @Test
        void shouldRefuseAnExpiredCertificate() {
            X509Certificate expired = DEVICE_CA.issue(
                    "CN=mx-00042",
                    NOW.minus(Duration.ofDays(30)),
                    NOW.minus(Duration.ofDays(1)),
                    KeyPurposeId.id_kp_clientAuth,
                    false);

            assertRefused(expired, "The device certificate expired at");
        }

        @Test
        void shouldRefuseACertificateNotYetValid() {
            X509Certificate early = DEVICE_CA.issue(
                    "CN=mx-00042",
                    NOW.plus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(30)),
                    KeyPurposeId.id_kp_clientAuth,
                    false);

            assertRefused(early, "is not valid before");
        }

        @Test
        void shouldRefuseEveryCertificateOfAnExpiredCa() {
            X509Certificate device = DEVICE_CA.device("CN=mx-00042");

            assertThatExceptionOfType(Refusal.class)
                    .isThrownBy(() -> certificates.deviceIdOf(device, NOW.plus(Duration.ofDays(400))))
                    .withMessageStartingWith("The device CA expired at");
        }
    }

    private void assertRefused(X509Certificate certificate, String reason) {
        assertThatExceptionOfType(Refusal.class)
                .isThrownBy(() -> certificates.deviceIdOf(certificate, NOW))
                .withMessageContaining(reason)
                .satisfies(refusal -> assertThat(refusal.code()).isEqualTo(ConnackReasonCode.NOT_AUTHORIZED));
    }
}
