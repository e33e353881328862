package dev.massager.infra.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test device CA, as the factory has one: it issues each device a client certificate whose common name (CN) is the
 * device id, and the broker its server certificate. Devices trust it for the broker, the broker for devices.
 *
 * <p>Keys are EC P-256 (about a millisecond each); certificates are valid from an hour ago for
 * {@value #VALIDITY_DAYS} days. {@link #shared()} is one CA for the whole JVM: the embedded broker trusts it, so a test
 * gets a working device with {@code shared().deviceSocketFactory("mx-00042")}.
 *
 * <pre>{@code
 * MqttConnectionOptions options = new MqttConnectionOptions();
 * options.setSocketFactory(mqtt.deviceSocketFactory("mx-00042"));
 * new MqttAsyncClient(mqtt.deviceServerUri(), "mx-00042", new MemoryPersistence()).connect(options);
 * }</pre>
 *
 * <p>The CA and its devices can also live on disk as PEM files, for clients outside this JVM: {@link #writeCa(Path)}
 * and {@link #load(Path)} let another process (a device simulator) issue certificates the running broker trusts, and
 * {@link #writeDeviceIdentity(String, Path)} gives a device's files to a tool such as {@code mosquitto_pub}.
 */
public final class DeviceCa {

    /** How long the certificates of a test CA are valid. */
    public static final int VALIDITY_DAYS = 30;

    private static final String SIGNATURE = "SHA256withECDSA";

    /** The CA certificate's file name in a folder written by {@link #writeCa(Path)}. */
    public static final String CA_CERTIFICATE_FILE = "ca.crt";

    /** The CA private key's file name in a folder written by {@link #writeCa(Path)}. */
    public static final String CA_KEY_FILE = "ca.key";

    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|.*:.*");

    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{3,63}$");

    private static final SecureRandom random = new SecureRandom();

    private final KeyPair keys;

    private final X509Certificate certificate;

    private final Map<String, Identity> devices = new ConcurrentHashMap<>();

    /** A private key and its certificate. */
    private record Identity(PrivateKey key, X509Certificate certificate) {}

    private DeviceCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    private static final class Shared {

        static final DeviceCa INSTANCE = create("Massager Test Device CA");
    }

    /**
     * The CA of this JVM, created on first use, which {@link EmbeddedMqttBroker} trusts unless told otherwise.
     *
     * @return the shared CA
     */
    public static DeviceCa shared() {
        return Shared.INSTANCE;
    }

    /**
     * A new CA, which nothing trusts yet: for a broker of its own, or to show that another CA's devices are refused.
     *
     * @param name the CA's common name
     * @return the CA
     */
    public static DeviceCa create(String name) {
        KeyPair keys = keyPair();
        X500Principal subject = new X500Principal("CN=" + escape(name) + ", O=Massager");
        X509Certificate certificate = sign(keys, subject, subject, keys.getPublic(), builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        return new DeviceCa(keys, certificate);
    }

    /**
     * A CA written by {@link #writeCa(Path)}, for example by the process whose broker trusts it.
     *
     * @param directory the folder holding {@value #CA_CERTIFICATE_FILE} and {@value #CA_KEY_FILE}
     * @return the CA, issuing new device certificates (none is remembered from the writing process)
     * @throws UncheckedIOException if a file cannot be read
     * @throws IllegalArgumentException if the files hold no CA certificate and matching private key
     */
    public static DeviceCa load(Path directory) {
        X509Certificate certificate = readCertificate(directory.resolve(CA_CERTIFICATE_FILE));
        PrivateKey key = readPrivateKey(directory.resolve(CA_KEY_FILE));
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(directory.resolve(CA_CERTIFICATE_FILE) + " is not a CA certificate");
        }
        KeyPair keys = new KeyPair(certificate.getPublicKey(), key);
        if (!matches(keys)) {
            throw new IllegalArgumentException(
                    directory.resolve(CA_KEY_FILE) + " is not the private key of " + CA_CERTIFICATE_FILE);
        }
        return new DeviceCa(keys, certificate);
    }

    /**
     * Writes this CA's certificate ({@value #CA_CERTIFICATE_FILE}) and private key ({@value #CA_KEY_FILE}, PKCS#8,
     * readable by the owner only where the file system has POSIX permissions) as PEM files, for {@link #load(Path)}.
     *
     * @param directory the folder, created if missing; files there of the same names are replaced
     * @return the files written
     * @throws UncheckedIOException if a file cannot be written
     */
    public PemFiles writeCa(Path directory) {
        try {
            Files.createDirectories(directory);
            Path certificateFile = directory.resolve(CA_CERTIFICATE_FILE);
            Path keyFile = directory.resolve(CA_KEY_FILE);
            Files.writeString(certificateFile, pem(certificate));
            writePrivate(keyFile, keys.getPrivate());
            return new PemFiles(certificateFile, certificateFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the device CA to " + directory, e);
        }
    }

    /**
     * Writes a device's identity as PEM files: the CA certificate ({@value #CA_CERTIFICATE_FILE}, to verify the
     * broker), the device's certificate ({@code <deviceId>.crt}) and its private key ({@code <deviceId>.key}, PKCS#8,
     * owner-only). For example:
     *
     * <pre>
     * mosquitto_pub -h 127.0.0.1 -p 40126 --cafile ca.crt --cert mx-00042.crt --key mx-00042.key -i mx-00042 \
     *     -V mqttv5 -q 1 -t massagers/mx-00042/status -r -m '{"v":1,"state":"ONLINE","ts":"...","fw":"2.3.1"}'
     * </pre>
     *
     * @param deviceId the device id, the certificate's CN; it must be a valid device id, as it names the files
     * @param directory the folder, created if missing; files there of the same names are replaced
     * @return the files written
     * @throws IllegalArgumentException if the device id is not valid
     * @throws UncheckedIOException if a file cannot be written
     */
    public PemFiles writeDeviceIdentity(String deviceId, Path directory) {
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("Not a device id: " + deviceId);
        }
        Identity device = device(deviceId);
        try {
            Files.createDirectories(directory);
            Path caFile = directory.resolve(CA_CERTIFICATE_FILE);
            Path certificateFile = directory.resolve(deviceId + ".crt");
            Path keyFile = directory.resolve(deviceId + ".key");
            Files.writeString(caFile, pem(certificate));
            Files.writeString(certificateFile, pem(device.certificate()));
            writePrivate(keyFile, device.key());
            return new PemFiles(caFile, certificateFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the identity of " + deviceId + " to " + directory, e);
        }
    }

    /**
     * PEM files written by {@link #writeCa(Path)} or {@link #writeDeviceIdentity(String, Path)}.
     *
     * @param caCertificate the CA certificate
     * @param certificate the certificate of the key: the CA's own, or the device's
     * @param privateKey the private key, PKCS#8
     */
    public record PemFiles(Path caCertificate, Path certificate, Path privateKey) {}

    /**
     * The CA certificate: what the broker's device listener trusts, and what devices trust the broker with.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The CA certificate in PEM, the form the broker extension reads.
     *
     * @return {@code -----BEGIN CERTIFICATE----- ...}
     */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the CA certificate", e);
        }
    }

    /**
     * The certificate of a device, issued on first use and the same afterwards.
     *
     * @param deviceId the device id, its common name (CN); the broker accepts only valid device ids
     * @return a client certificate issued by this CA
     */
    public X509Certificate deviceCertificate(String deviceId) {
        return device(deviceId).certificate();
    }

    /**
     * A socket factory for a device connecting to a broker that trusts this CA: it presents the device's certificate
     * and trusts the broker's certificate if this CA issued it.
     *
     * @param deviceId the device id
     * @return a factory for Paho's {@code MqttConnectionOptions.setSocketFactory}
     */
    public SSLSocketFactory deviceSocketFactory(String deviceId) {
        return deviceSocketFactory(deviceId, certificate);
    }

    /**
     * A socket factory for a device of this CA connecting to a broker whose certificate another CA issued.
     *
     * @param deviceId the device id
     * @param brokerCa the CA that issued the broker's certificate
     * @return a factory for Paho's {@code MqttConnectionOptions.setSocketFactory}
     */
    public SSLSocketFactory deviceSocketFactory(String deviceId, X509Certificate brokerCa) {
        return socketFactory(deviceKeystore(deviceId, new char[0]), new char[0], brokerCa);
    }

    /**
     * A socket factory that trusts a broker certificate of this CA and presents no certificate of its own.
     *
     * @return a factory for Paho's {@code MqttConnectionOptions.setSocketFactory}
     */
    public SSLSocketFactory socketFactoryWithoutCertificate() {
        return socketFactory(null, null, certificate);
    }

    /**
     * A PKCS12 key store with a device's key and certificate chain, under the alias of its id.
     *
     * @param deviceId the device id
     * @param password protects the store and the key
     * @return the key store
     */
    public KeyStore deviceKeystore(String deviceId, char[] password) {
        Identity device = device(deviceId);
        return keyStore(deviceId, device.key(), password, device.certificate());
    }

    /**
     * A PKCS12 key store for the broker's TLS listener: a key and a server certificate valid for {@code 127.0.0.1}
     * and {@code localhost} (clients such as Paho check the host name) and the extra hosts.
     *
     * @param password protects the store and the key (HiveMQ's {@code password} and {@code private-key-password})
     * @param extraHosts further host names or IP addresses the broker is reached at
     * @return the key store
     */
    public KeyStore serverKeystore(char[] password, List<String> extraHosts) {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost"));
        extraHosts.stream().filter(host -> !hosts.contains(host)).forEach(hosts::add);
        KeyPair server = keyPair();
        X509Certificate serverCertificate = sign(
                keys,
                certificate.getSubjectX500Principal(),
                new X500Principal("CN=MQTT broker, O=Massager"),
                server.getPublic(),
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
                });
        return keyStore("broker", server.getPrivate(), password, serverCertificate);
    }

    /**
     * A PKCS12 trust store with this CA certificate: the broker's device listener trusts devices with it.
     *
     * @return the trust store
     */
    public KeyStore truststore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("device-ca", certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create a trust store", e);
        }
    }

    /**
     * Writes a key store to a file.
     *
     * @param store the store
     * @param file the file, created or replaced
     * @param password protects the file
     */
    public static void write(KeyStore store, Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }

    /**
     * A random password of 24 letters and digits, for key stores and test accounts: safe inside HiveMQ's
     * {@code config.xml}, which would read {@code ${...}} as an environment variable.
     *
     * @return the password
     */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bytes)
                .replace('-', 'x')
                .replace('_', 'y');
    }

    @Override
    public String toString() {
        return "DeviceCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    private Identity device(String deviceId) {
        return devices.computeIfAbsent(deviceId, id -> {
            KeyPair device = keyPair();
            X509Certificate deviceCertificate = sign(
                    keys,
                    certificate.getSubjectX500Principal(),
                    new X500Principal("CN=" + escape(id) + ", O=Massager"),
                    device.getPublic(),
                    builder -> {
                        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                        builder.addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                    });
            return new Identity(device.getPrivate(), deviceCertificate);
        });
    }

    private KeyStore keyStore(String alias, PrivateKey key, char[] password, X509Certificate leaf) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, new X509Certificate[] {leaf, certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create a key store", e);
        }
    }

    private static SSLSocketFactory socketFactory(KeyStore keys, char[] password, X509Certificate trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("broker-ca", trusted);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (keys != null) {
                keyManagers.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys != null ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create a TLS socket factory", e);
        }
    }

    private static GeneralNames alternativeNames(List<String> hosts) {
        return new GeneralNames(hosts.stream()
                .map(host -> IP_ADDRESS.matcher(host).matches()
                        ? new GeneralName(GeneralName.iPAddress, ipAddress(host))
                        : new GeneralName(GeneralName.dNSName, host))
                .toArray(GeneralName[]::new));
    }

    private static String ipAddress(String host) {
        try {
            // A literal address: no name lookup happens.
            return InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an IP address: " + host, e);
        }
    }

    private static String escape(String attributeValue) {
        StringBuilder escaped = new StringBuilder();
        for (char c : attributeValue.toCharArray()) {
            if (",+\"\\<>;=#".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** Writes a private key as PKCS#8 PEM, owner-only from the start, so it is never readable by others. */
    private static void writePrivate(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the folder's permissions apply
        }
        Files.writeString(file, pem(new JcaPKCS8Generator(key, null)));
    }

    private static Object readPem(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("No PEM object in " + file);
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static X509Certificate readCertificate(Path file) {
        if (!(readPem(file) instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("No certificate in " + file);
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the certificate in " + file, e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        if (!(readPem(file) instanceof PrivateKeyInfo info)) {
            throw new IllegalArgumentException("No PKCS#8 private key in " + file);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the private key in " + file, e);
        }
    }

    /** Whether the private key belongs to the public key: it signs what the public key verifies. */
    private static boolean matches(KeyPair keys) {
        try {
            byte[] probe = "device-ca".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(SIGNATURE);
            signer.initSign(keys.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE);
            verifier.initVerify(keys.getPublic());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Extensions {

        void addTo(JcaX509v3CertificateBuilder builder) throws CertIOException;
    }

    private static X509Certificate sign(
            KeyPair issuerKeys,
            X500Principal issuer,
            X500Principal subject,
            PublicKey subjectKey,
            Extensions extensions) {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, random).add(BigInteger.ONE),
                    // An hour back: a device or broker whose clock is slightly behind still accepts it.
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(VALIDITY_DAYS))),
                    subject,
                    subjectKey);
            extensions.addTo(builder);
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + subject, e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No EC P-256 key pair generator", e);
        }
    }
}
