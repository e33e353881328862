package dev.massager.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerAuthConfigTest {

    private static final TestPki.Ca DEVICE_CA = TestPki.ca("Massager Device CA");

    @TempDir
    Path directory;

    private final Map<String, String> settings = new HashMap<>();

    private Path caFile;

    @BeforeEach
    void writeTheCaCertificate() throws Exception {
        caFile = directory.resolve("device-ca.pem");
        Files.writeString(caFile, pem(DEVICE_CA.certificate()));
        settings.put("MASSAGER_BROKER_DEVICE_CA", caFile.toString());
        settings.put("MASSAGER_BROKER_BACKEND_USERNAME", "device-gateway");
        settings.put("MASSAGER_BROKER_BACKEND_PASSWORD", "correct horse battery");
    }

    private BrokerAuthConfig read() {
        return BrokerAuthConfig.from(settings::get);
    }

    @Nested
    class FromTheEnvironment {

        @Test
        void shouldReadTheCaFileAndTheBackendAccount() {
            BrokerAuthConfig config = read();

            assertThat(config.deviceCas()).containsExactly(DEVICE_CA.certificate());
            assertThat(config.backendUsername()).isEqualTo("device-gateway");
            assertThat(config.backendPassword()).isEqualTo("correct horse battery");
        }

        @Test
        void shouldReadEveryCaOfTheFileWhileOneIsReplaced() throws Exception {
            TestPki.Ca next = TestPki.ca("Massager Device CA 2");
            Files.writeString(caFile, pem(DEVICE_CA.certificate()) + pem(next.certificate()));

            assertThat(read().deviceCas()).containsExactly(DEVICE_CA.certificate(), next.certificate());
        }

        @Test
        void shouldNameTheBackendUserBackendByDefault() {
            settings.remove("MASSAGER_BROKER_BACKEND_USERNAME");

            assertThat(read().backendUsername()).isEqualTo("backend");
        }

        @Test
        void shouldNameAMissingSetting() {
            settings.remove("MASSAGER_BROKER_DEVICE_CA");

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessage("MASSAGER_BROKER_DEVICE_CA is not set");
        }

        @Test
        void shouldNeedABackendPassword() {
            settings.put("MASSAGER_BROKER_BACKEND_PASSWORD", " ");

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessage("MASSAGER_BROKER_BACKEND_PASSWORD is not set");
        }

        @Test
        void shouldRefuseAShortBackendPassword() {
            settings.put("MASSAGER_BROKER_BACKEND_PASSWORD", "12345678901");

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessageStartingWith("The backend password must have at least 12 characters");
        }

        @Test
        void shouldSayWhichCaFileCannotBeRead() {
            settings.put(
                    "MASSAGER_BROKER_DEVICE_CA",
                    directory.resolve("missing.pem").toString());

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessageContaining("Cannot read the device CA certificate")
                    .withMessageContaining("missing.pem");
        }

        @Test
        void shouldRefuseACaFileWithoutCertificate() throws Exception {
            Files.writeString(caFile, "");

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessageContaining("No certificate in");
        }

        @Test
        void shouldRefuseADeviceCertificateWhereTheCaBelongs() throws Exception {
            Files.writeString(caFile, pem(DEVICE_CA.device("CN=mx-00042")));

            assertThatIllegalArgumentException()
                    .isThrownBy(BrokerAuthConfigTest.this::read)
                    .withMessageContaining("Not a CA certificate: CN=mx-00042");
        }
    }

    @Test
    void shouldKeepThePasswordOutOfItsText() {
        assertThat(read().toString())
                .contains("device-gateway", "CN=Massager Device CA")
                .doesNotContain("correct horse battery");
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
