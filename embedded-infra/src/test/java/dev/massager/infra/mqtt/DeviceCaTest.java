package dev.massager.infra.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
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

    @Nested
    class OnDisk {

        @Test
        void shouldWriteADevicesKeyAndCertificateAsPemThatToolsRead(@TempDir Path directory) throws Exception {
            DeviceCa.PemFiles files = CA.writeDeviceIdentity("mx-00042", directory);

            assertThat(files.caCertificate()).isEqualTo(directory.resolve("ca.crt"));
            assertThat(files.certificate()).isEqualTo(directory.resolve("mx-00042.crt"));
            assertThat(files.privateKey()).isEqualTo(directory.resolve("mx-00042.key"));
            X509Certificate certificate = readCertificate(files.certificate());
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mx-00042,O=Massager");
            assertThat(certificate).isEqualTo(CA.deviceCertificate("mx-00042"));
            assertThat(readCertificate(files.caCertificate())).isEqualTo(CA.certificate());
            // Read with the JDK alone, as any PKCS#8 reader would: the key signs what the certificate verifies.
            PrivateKey key = readPkcs8(files.privateKey());
            assertThat(signs(key, certificate)).isTrue();
            assertThat(Files.getPosixFilePermissions(files.privateKey()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        @Test
        void shouldRefuseToNameFilesAfterSomethingThatIsNoDeviceId(@TempDir Path directory) {
            assertThatIllegalArgumentException().isThrownBy(() -> CA.writeDeviceIdentity("../mx-00042", directory));
        }

        @Test
        void shouldLoadAWrittenCaThatIssuesCertificatesTheOriginalTrusts(@TempDir Path directory) throws Exception {
            DeviceCa.PemFiles files = CA.writeCa(directory);

            DeviceCa loaded = DeviceCa.load(directory);

            assertThat(files.certificate()).isEqualTo(directory.resolve(DeviceCa.CA_CERTIFICATE_FILE));
            assertThat(files.privateKey()).isEqualTo(directory.resolve(DeviceCa.CA_KEY_FILE));
            assertThat(Files.getPosixFilePermissions(files.privateKey()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(loaded.certificate()).isEqualTo(CA.certificate());
            X509Certificate issued = loaded.deviceCertificate("mx-00077");
            assertThatNoException()
                    .isThrownBy(() -> issued.verify(CA.certificate().getPublicKey()));
            assertThat(issued.getIssuerX500Principal())
                    .isEqualTo(CA.certificate().getSubjectX500Principal());
        }

        @Test
        void shouldRefuseAKeyThatIsNotTheCertificates(@TempDir Path directory) throws Exception {
            CA.writeCa(directory);
            Path stranger = directory.resolve("stranger");
            DeviceCa.create("Someone Else's CA").writeCa(stranger);
            Files.copy(
                    stranger.resolve(DeviceCa.CA_KEY_FILE),
                    directory.resolve(DeviceCa.CA_KEY_FILE),
                    StandardCopyOption.REPLACE_EXISTING);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> DeviceCa.load(directory))
                    .withMessageContaining("is not the private key of ca.crt");
        }

        private static X509Certificate readCertificate(Path file) throws Exception {
            try (var in = Files.newInputStream(file)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }

        private static PrivateKey readPkcs8(Path file) throws Exception {
            String pem = Files.readString(file);
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
            return KeyFactory.getInstance("EC")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        }

        private static boolean signs(PrivateKey key, X509Certificate certificate) throws Exception {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(new byte[] {1, 2, 3});
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate);
            verifier.update(new byte[] {1, 2, 3});
            return verifier.verify(signature);
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
