package dev.massager.simulator.api;

import dev.massager.api.security.TokenMint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens for the virtual users and the provisioning admin, signed with the key the services trust. */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofHours(12);

    private final TokenMint mint;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    public Tokens(TokenMint mint) {
        this.mint = mint;
    }

    /** A token of role {@code user} for {@code userId}. */
    public String user(String userId) {
        return issued.computeIfAbsent("user:" + userId, key -> mint.mint(userId, List.of("user"), LIFETIME));
    }

    /** A token of role {@code admin}, for provisioning devices as the factory does. */
    public String admin() {
        return issued.computeIfAbsent("admin", key -> mint.mint("factory", List.of("admin"), LIFETIME));
    }
}
