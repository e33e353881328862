package dev.massager.analytics.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one-way SHA-256 hash of a user id that {@code erased_users} keeps instead of the id. */
final class UserHash {

    private UserHash() {}

    static byte[] of(String userId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
