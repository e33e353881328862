package dev.massager.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the extension checks clients against.
 *
 * <p>Installed in a HiveMQ broker, the extension reads it from environment variables (or Java system properties of the
 * same names, which win): {@value #DEVICE_CA}, {@value #BACKEND_USERNAME} and {@value #BACKEND_PASSWORD}.
 *
 * @param deviceCas the CAs that issue device certificates; more than one while a CA is being replaced
 * @param backendUsername the username of backend clients
 * @param backendPassword their password, at least {@value #MIN_PASSWORD_LENGTH} characters
 */
public record BrokerAuthConfig(List<X509Certificate> deviceCas, String backendUsername, String backendPassword) {

    /** The path of a PEM file with the device CA certificate (or several, while a CA is being replaced). */
    public static final String DEVICE_CA = "MASSAGER_BROKER_DEVICE_CA";

    /** The backend clients' username; {@value #DEFAULT_BACKEND_USERNAME} when not set. */
    public static final String BACKEND_USERNAME = "MASSAGER_BROKER_BACKEND_USERNAME";

    /** The backend clients' password; required. */
    public static final String BACKEND_PASSWORD = "MASSAGER_BROKER_BACKEND_PASSWORD";

    /** The backend username when {@value #BACKEND_USERNAME} is not set. */
    public static final String DEFAULT_BACKEND_USERNAME = "backend";

    /** The shortest backend password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * Checks and copies the values.
     *
     * @param deviceCas the CAs that issue device certificates, at least one
     * @param backendUsername the username of backend clients, not blank
     * @param backendPassword their password, at least {@value #MIN_PASSWORD_LENGTH} characters
     */
    public BrokerAuthConfig {
        deviceCas = List.copyOf(deviceCas);
        if (deviceCas.isEmpty()) {
            throw new IllegalArgumentException("No device CA certificate");
        }
        for (X509Certificate ca : deviceCas) {
            if (ca.getBasicConstraints() < 0) {
                throw new IllegalArgumentException(
                        "Not a CA certificate: " + ca.getSubjectX500Principal().getName());
            }
        }
        if (backendUsername == null || backendUsername.isBlank()) {
            throw new IllegalArgumentException("The backend username must not be blank");
        }
        if (backendPassword == null || backendPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "The backend password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    /**
     * The configuration of a broker with one device CA.
     *
     * @param deviceCa the CA that issues device certificates
     * @param backendUsername the username of backend clients
     * @param backendPassword their password
     * @return the configuration
     */
    public static BrokerAuthConfig of(X509Certificate deviceCa, String backendUsername, String backendPassword) {
        return new BrokerAuthConfig(List.of(deviceCa), backendUsername, backendPassword);
    }

    /**
     * Reads the configuration from the environment, system properties first.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static BrokerAuthConfig fromEnvironment() {
        return from(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    /**
     * Reads the configuration from named settings.
     *
     * @param settings the value of a setting by name ({@value #DEVICE_CA}, ...), null when it is not set
     * @return the configuration
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    static BrokerAuthConfig from(UnaryOperator<String> settings) {
        String caPath = required(settings, DEVICE_CA);
        String username = settings.apply(BACKEND_USERNAME);
        String password = required(settings, BACKEND_PASSWORD);
        try {
            return new BrokerAuthConfig(
                    readCertificates(Path.of(caPath)),
                    username == null || username.isBlank() ? DEFAULT_BACKEND_USERNAME : username.strip(),
                    password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (" + DEVICE_CA + ", " + BACKEND_USERNAME + ", " + BACKEND_PASSWORD + ")");
        }
    }

    private static String required(UnaryOperator<String> settings, String name) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    /**
     * Reads the certificates of a PEM (or DER) file.
     *
     * @param file the file
     * @return its certificates, at least one
     * @throws IllegalArgumentException if it cannot be read or holds no certificate
     */
    static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + file);
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("Cannot read the device CA certificate " + file + ": " + e.getMessage());
        }
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        List<String> cas = deviceCas.stream()
                .map(ca -> ca.getSubjectX500Principal().getName())
                .toList();
        return "BrokerAuthConfig[deviceCas=" + cas + ", backendUsername=" + backendUsername + ", backendPassword=***]";
    }
}
