package dev.massager.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints RS256 bearer tokens the service accepts when it runs with a local key pair ({@code JWT_LOCAL_KEY_FILE}, no
 * identity provider): for tests, the local stack and a developer's curl. In production the operator's identity
 * provider issues tokens and the service only holds its public key.
 *
 * <p>From the command line, printing only the token, for a service started with {@code JWT_LOCAL_KEY_FILE} set to
 * the same file (by default {@link #DEFAULT_KEY_FILE}):
 *
 * <pre>
 * ./mvnw -q -pl session-service compile exec:java -Dexec.args="--subject alice --role user"
 * </pre>
 *
 * Options: {@code --subject} (required), {@code --role} (repeatable, default {@code user}), {@code --lifetime}
 * (ISO-8601 duration, default {@code PT1H}), {@code --issuer}, {@code --audience}, {@code --key-file}; defaults come
 * from {@code JWT_ISSUER}, {@code JWT_AUDIENCE} and {@code JWT_LOCAL_KEY_FILE} as for the service.
 */
public final class TokenMint {

    /**
     * The key pair the command line signs with unless {@code JWT_LOCAL_KEY_FILE} or {@code --key-file} say
     * otherwise. The service has no such default: it trusts a local key pair only when given its file.
     */
    public static final Path DEFAULT_KEY_FILE =
            Path.of(System.getProperty("java.io.tmpdir"), "massager", "jwt-signing-key.pem");

    public static final String DEFAULT_ISSUER = "massager-local";
    public static final String DEFAULT_AUDIENCE = "massager-api";

    private static final String PEM_PRIVATE = "PRIVATE KEY";
    private static final String PEM_PUBLIC = "PUBLIC KEY";

    private final KeyPair keys;
    private final String issuer;
    private final String audience;

    public TokenMint(KeyPair keys, String issuer, String audience) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
    }

    /** A mint signing with the key pair in {@code keyFile}, created when absent. */
    public static TokenMint fromKeyFile(Path keyFile, String issuer, String audience) {
        return new TokenMint(loadOrCreateKeyPair(keyFile), issuer, audience);
    }

    /** A token for {@code subject} with {@code roles}, valid from now for {@code lifetime}. */
    public String mint(String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return mint(subject, roles, now, now.plus(lifetime));
    }

    /** A token for {@code subject} with {@code roles}, issued at {@code issuedAt} and expiring at {@code expiresAt}. */
    public String mint(String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * The RSA key pair stored in {@code keyFile} as a PKCS#8 PEM private key; when the file does not exist a new
     * 2048-bit pair is written there, readable by the owner only where the file system has POSIX permissions.
     */
    public static KeyPair loadOrCreateKeyPair(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return read(Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + keyFile, e);
        }
    }

    /** An RSA public key from a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) text. */
    public static RSAPublicKey readPublicKey(String pem) {
        try {
            return (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decode(pem, PEM_PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    private static KeyPair read(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(decode(pem, PEM_PRIVATE)));
            var publicKey =
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA private key", e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written aside and linked into place, so a concurrent reader never sees half a key, and two services
        // starting together on the same file (a shared volume) never replace each other's key: linking fails
        // when the name exists, where an atomic rename would overwrite it.
        Path temporary = Files.createTempFile(directory, ".jwt-key", ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, encode(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.createLink(keyFile, temporary);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                // no hard links here: a plain move, which refuses an existing name too
                Files.move(temporary, keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }

    private static String encode(byte[] der) {
        return "-----BEGIN " + PEM_PRIVATE + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + PEM_PRIVATE + "-----\n";
    }

    private static byte[] decode(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** Prints a token for the command-line options, see the class comment. */
    public static void main(String[] args) {
        String subject = null;
        List<String> roles = new ArrayList<>();
        Duration lifetime = Duration.ofHours(1);
        String issuer = env("JWT_ISSUER", DEFAULT_ISSUER);
        String audience = env("JWT_AUDIENCE", DEFAULT_AUDIENCE);
        Path keyFile = Path.of(env("JWT_LOCAL_KEY_FILE", DEFAULT_KEY_FILE.toString()));
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--subject" -> subject = value;
                case "--role" -> roles.add(value);
                case "--lifetime" -> lifetime = Duration.parse(value);
                case "--issuer" -> issuer = value;
                case "--audience" -> audience = value;
                case "--key-file" -> keyFile = Path.of(value);
                default -> usage("unknown option " + option);
            }
        }
        if (subject == null || subject.isBlank()) {
            usage("--subject is required");
        }
        if (roles.isEmpty()) {
            roles.add("user");
        }
        System.out.println(fromKeyFile(keyFile, issuer, audience).mint(subject, roles, lifetime));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: TokenMint --subject <user id> [--role <role>]... [--lifetime PT1H]"
                + " [--issuer <iss>] [--audience <aud>] [--key-file <pem>]");
        System.exit(2);
    }
}
