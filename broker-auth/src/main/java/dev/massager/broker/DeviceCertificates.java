package dev.massager.broker;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Turns a device's client certificate into the device id it proves. The certificate must be signed by one of the
 * device CAs, be valid at the time of the check, be an end-entity certificate usable for TLS client authentication,
 * and name exactly one common name (CN), which must be a device id.
 *
 * <p>The TLS listener has already verified the chain against its truststore; checking the issuer again here keeps a
 * device's identity from resting on that truststore alone (a public CA added to it by mistake would otherwise let
 * anyone with one of its certificates in as any device).
 */
final class DeviceCertificates {

    /**
     * A device id as in the device contract ({@code massagers/{deviceId}/...}); the gateway checks the same pattern.
     * It admits no MQTT wildcard and no topic separator, so a device id is safe inside a topic filter.
     */
    static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{3,63}$");

    private static final String TLS_CLIENT_AUTHENTICATION = "1.3.6.1.5.5.7.3.2";

    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final List<X509Certificate> deviceCas;

    DeviceCertificates(List<X509Certificate> deviceCas) {
        if (deviceCas.isEmpty()) {
            throw new IllegalArgumentException("At least one device CA is needed");
        }
        this.deviceCas = List.copyOf(deviceCas);
    }

    /**
     * Checks a client certificate.
     *
     * @param certificate the certificate the client presented
     * @param now the time at which it must be valid
     * @return the device id it proves
     * @throws Refusal if it proves none
     */
    String deviceIdOf(X509Certificate certificate, Instant now) throws Refusal {
        X509Certificate ca = issuerOf(certificate);
        checkValidity(ca, now, "The device CA");
        checkValidity(certificate, now, "The device certificate");
        if (certificate.getBasicConstraints() != -1) {
            throw refused("A CA certificate is not a device certificate");
        }
        checkUsableForClientAuthentication(certificate);
        String commonName = commonName(certificate.getSubjectX500Principal());
        if (!DEVICE_ID.matcher(commonName).matches()) {
            throw refused("The certificate's common name (CN) is not a device id");
        }
        return commonName;
    }

    private X509Certificate issuerOf(X509Certificate certificate) throws Refusal {
        for (X509Certificate ca : deviceCas) {
            if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && isSignedBy(certificate, ca)) {
                return ca;
            }
        }
        throw refused("The certificate was not issued by the device CA");
    }

    private static boolean isSignedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            // Another CA of the same name, or a forged certificate.
            return false;
        }
    }

    private static void checkValidity(X509Certificate certificate, Instant now, String what) throws Refusal {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw refused(what + " expired at " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw refused(
                    what + " is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    private static void checkUsableForClientAuthentication(X509Certificate certificate) throws Refusal {
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw refused("The certificate's extended key usage cannot be read");
        }
        // No extension at all allows every usage (RFC 5280, 4.2.1.12).
        if (usages != null && !usages.contains(TLS_CLIENT_AUTHENTICATION) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw refused("The certificate is not meant for TLS client authentication");
        }
    }

    /**
     * The common name (CN) of a distinguished name. X.509 has no getter for it: the RFC 2253 form of the name is
     * parsed, every relative distinguished name searched (multi-valued ones included), and exactly one CN required,
     * since a name with two would be ambiguous about which device it means.
     *
     * @param subject the certificate's subject
     * @return the one common name
     * @throws Refusal if there is none, more than one, or it is not a string
     */
    static String commonName(X500Principal subject) throws Refusal {
        List<Object> values = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                // Attribute types are case-insensitive: "CN", "cn".
                Attribute commonNames = rdn.toAttributes().get("CN");
                if (commonNames != null) {
                    NamingEnumeration<?> each = commonNames.getAll();
                    while (each.hasMore()) {
                        values.add(each.next());
                    }
                }
            }
        } catch (InvalidNameException e) {
            throw refused("The certificate's subject cannot be read");
        } catch (NamingException e) {
            throw refused("The certificate's common name (CN) cannot be read");
        }
        if (values.size() != 1) {
            throw refused("The certificate's subject must name exactly one common name (CN), not " + values.size());
        }
        // RFC 2253 renders a value of an unusual ASN.1 type as #hex, which LdapName gives as bytes.
        if (!(values.get(0) instanceof String commonName)) {
            throw refused("The certificate's common name (CN) is not a string");
        }
        return commonName;
    }

    private static Refusal refused(String reason) {
        return new Refusal(ConnackReasonCode.NOT_AUTHORIZED, reason);
    }
}
