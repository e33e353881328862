package dev.massager.broker;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for the unit tests, odd ones included. */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-11-21T21:00:00Z");

    private static final AtomicLong serials = new AtomicLong(1);

    private TestPki() {}

    /** A certification authority. */
    record Ca(KeyPair keys, X509Certificate certificate) {

        /** A device certificate: end entity, for TLS client authentication, valid a day either side of {@link #NOW}. */
        X509Certificate device(String subject) {
            return issue(
                    subject,
                    NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(1)),
                    KeyPurposeId.id_kp_clientAuth,
                    false);
        }

        X509Certificate issue(String subject, Instant notBefore, Instant notAfter, KeyPurposeId usage, boolean ca) {
            return TestPki.issue(
                    keys,
                    certificate.getSubjectX500Principal(),
                    new X500Principal(subject),
                    keyPair(),
                    notBefore,
                    notAfter,
                    usage,
                    ca);
        }
    }

    static Ca ca(String name) {
        KeyPair keys = keyPair();
        X500Principal subject = new X500Principal("CN=" + name);
        X509Certificate certificate = issue(
                keys,
                subject,
                subject,
                keys,
                NOW.minus(Duration.ofDays(365)),
                NOW.plus(Duration.ofDays(365)),
                null,
                true);
        return new Ca(keys, certificate);
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(
            KeyPair issuerKeys,
            X500Principal issuer,
            X500Principal subject,
            KeyPair subjectKeys,
            Instant notBefore,
            Instant notAfter,
            KeyPurposeId usage,
            boolean ca) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(serials.getAndIncrement()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    subjectKeys.getPublic());
            builder.addExtension(
                    Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
            if (usage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (CertIOException | OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
