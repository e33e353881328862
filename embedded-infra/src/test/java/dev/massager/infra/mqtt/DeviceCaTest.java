package dev.massager.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCaTest {

    private static final DeviceCa CA = DeviceCa.create("Test CA");

    private static final String TLS_CLIENT_AUTHENTICATION = "1.3.6.1.5.5.7.3.2";

    private static final String TLS_SERVER_AUTHENTICATION = "1.3.6.1.5.5.7.3.1";

    @Nested
    class DeviceCertificates {

        @Test
        void shouldNameTheDeviceInTheCommonNameAndServeTlsClientAuthentication() throws Exception {
            X509Certificate device = CA.deviceCertificate("mx-00042");

            assertThat(device.getSubjectX500Principal().getName()).isEqualTo("CN=mx-00042,O=Massager");
            assertThat(device.getIssuerX500Principal())
                    .isEqualTo(CA.certificate().getSubjectX500Principal());
            assertThat(device.getExtendedKeyUsage()).containsExactly(TLS_CLIENT_AUTHENTICATION);
            assertThat(device.getBasicConstraints()).isEqualTo(-1);
            assertThatNoException()
                    .isThrownBy(() -> device.verify(CA.certificate().getPublicKey()));
        }

        @Test
        void shouldIssueEachDeviceOneCertificate() {
            assertThat(CA.deviceCertificate("mx-00042"))
                    .isSameAs(CA.deviceCertificate("mx-00042"))
                    .isNotEqualTo(CA.deviceCertificate("mx-00043"));
        }

        @Test
        void shouldKeepTheKeyAndChainInTheDevicesKeyStore() throws Exception {
            KeyStore store = CA.deviceKeystore("mx-00042", "pw".toCharArray());

            assertThat(store.getCertificateChain("mx-00042"))
                    .containsExactly(CA.deviceCertificate("mx-00042"), CA.certificate());
            assertThat(store.getKey("mx-00042", "pw".toCharArray())).isNotNull();
        }
    }

    @Nested
    class TheBrokersCertificate {

        @Test
        void shouldNameLoopbackAndTheExtraHostsAsPahoChecksTheHostName() throws Exception {
            KeyStore store = CA.serverKeystore("pw".toCharArray(), List.of("mqtt", "10.0.0.7"));
            X509Certificate server = (X509Certificate) store.getCertificate("broker");

            assertThat(server.getSubjectAlternativeNames().stream()
                            .map(name -> (Object) name.get(1))
                            .toList())
                    .containsExactlyInAnyOrder("127.0.0.1", "localhost", "mqtt", "10.0.0.7");
            assertThat(server.getExtendedKeyUsage()).containsExactly(TLS_SERVER_AUTHENTICATION);
        }
    }

    @Test
    void shouldGiveThePemTheBrokerExtensionReads() throws Exception {
        List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new ByteArrayInputStream(CA.certificatePem().getBytes(StandardCharsets.UTF_8))));

        assertThat(certificates).containsExactly(CA.certificate());
        assertThat(CA.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldWriteAKeyStoreThatReadsBack(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("device-ca.p12");
        DeviceCa.write(CA.truststore(), file, "pw".toCharArray());

        KeyStore read = KeyStore.getInstance(file.toFile(), "pw".toCharArray());
        assertThat(read.getCertificate("device-ca")).isEqualTo(CA.certificate());
    }

    @Test
    void shouldBeOneCaPerJvm() {
        assertThat(DeviceCa.shared()).isSameAs(DeviceCa.shared()).isNotSameAs(CA);
    }

    @Test
    void shouldMakePasswordsSafeForHiveMqsConfigFile() {
        assertThat(DeviceCa.randomPassword()).matches("[A-Za-z0-9]{24}").isNotEqualTo(DeviceCa.randomPassword());
    }
}
