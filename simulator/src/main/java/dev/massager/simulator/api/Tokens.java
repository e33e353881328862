package dev.massager.simulator.api;

import dev.massager.api.security.TokenMint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens for the virtual users and the provisioning admin, signed with the key the services trust. */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofHours(12);

    /** A token with less than this left is replaced, so a live run of days keeps working. */
    private static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private record Issued(String token, Instant expiresAt) {}

    private final TokenMint mint;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public Tokens(TokenMint mint) {
        this.mint = mint;
    }

    /** A token of role {@code user} for {@code userId}. */
    public String user(String userId) {
        return token("user:" + userId, userId, "user");
    }

    /** A token of role {@code admin}, for provisioning devices as the factory does. */
    public String admin() {
        return token("admin", "factory", "admin");
    }

    private String token(String key, String subject, String role) {
        Instant now = Instant.now();
        return issued.compute(
                        key,
                        (k, current) -> current != null && current.expiresAt().isAfter(now.plus(RENEW_BEFORE))
                                ? current
                                : new Issued(
                                        mint.mint(subject, List.of(role), now, now.plus(LIFETIME)), now.plus(LIFETIME)))
                .token();
    }
}
