package dev.massager.simulator.api;

import dev.massager.simulator.fleet.DiaryPlan;
import dev.massager.simulator.fleet.VirtualDevice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * session-service's API as the simulation uses it: the factory provisions devices, users set their time zone, pair
 * their device and log their nights. Honours 429 with its {@code Retry-After}, and retries a refused connection a few
 * times; any other answer outside 2xx fails with the problem the service returned.
 */
public final class CompanionApi {

    private static final int ATTEMPTS = 20;

    private final URI base;
    private final Tokens tokens;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param base session-service, e.g. {@code http://localhost:8081}
     * @param tokens the tokens to call it with
     */
    public CompanionApi(URI base, Tokens tokens) {
        this.base = base;
        this.tokens = tokens;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Registers a device as the factory does; a device provisioned before is fine. */
    public void provision(VirtualDevice device) {
        send(
                "POST",
                "/api/v1/admin/devices",
                tokens.admin(),
                Map.of("deviceId", device.id(), "pairingCode", device.pairingCode()),
                Set.of(200, 201, 409));
    }

    /** Sets the user's time zone, creating the user on first use. */
    public void setTimeZone(String userId, ZoneId zone) {
        send("PUT", "/api/v1/me", tokens.user(userId), Map.of("timeZone", zone.getId()), Set.of(200));
    }

    /** Pairs the device to the user with the code from its box. */
    public void pair(String userId, VirtualDevice device) {
        send(
                "POST",
                "/api/v1/me/devices",
                tokens.user(userId),
                Map.of("deviceId", device.id(), "pairingCode", device.pairingCode()),
                Set.of(200, 201));
    }

    /** Writes the user's diary entry for the night of {@code date}. */
    public void logNight(String userId, LocalDate date, DiaryPlan entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cramps", entry.cramps());
        body.put("severity", entry.severity());
        body.put("muscles", entry.muscles());
        body.put("wokeUp", entry.wokeUp());
        send("PUT", "/api/v1/me/cramp-nights/" + date, tokens.user(userId), body, Set.of(200, 201));
    }

    private void send(String method, String path, String token, Object body, Set<Integer> expected) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (expected.contains(response.statusCode())) {
                    return;
                }
                if (response.statusCode() == 429 && attempt < ATTEMPTS) {
                    long wait =
                            response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(Duration.ofSeconds(Math.max(1, wait)).toMillis());
                    continue;
                }
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException(method + " " + base.resolve(path) + " failed: " + e, e);
                }
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2_000, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
