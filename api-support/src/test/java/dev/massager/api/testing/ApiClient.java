package dev.massager.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.api.security.TokenMint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running service over HTTP with tokens signed by the key pair it trusts in tests: the service's
 * integration tests set {@code massager.security.jwt.local-key-file} to {@link #KEY_FILE}.
 */
public final class ApiClient {

    /** The key pair the service under test trusts, relative to the module that runs the tests. */
    public static final String KEY_FILE = "target/test-jwt-signing-key.pem";

    public static final String ISSUER = TokenMint.DEFAULT_ISSUER;
    public static final String AUDIENCE = TokenMint.DEFAULT_AUDIENCE;

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A fresh user id, unique to the calling test. */
    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    /** The mint the service trusts. */
    public static TokenMint mint() {
        return TokenMint.fromKeyFile(Path.of(KEY_FILE), ISSUER, AUDIENCE);
    }

    /** Requests as {@code userId} with role {@code user}. */
    public Caller user(String userId) {
        return as(userId, "user");
    }

    /** Requests as {@code userId} with {@code roles}, on a token valid for five minutes. */
    public Caller as(String userId, String... roles) {
        return withToken(mint().mint(userId, List.of(roles), Duration.ofMinutes(5)));
    }

    /** Requests as an administrator. */
    public Caller admin() {
        return withToken(mint().mint("admin-" + UUID.randomUUID(), List.of("admin"), Duration.ofMinutes(5)));
    }

    public Caller anonymous() {
        return new Caller(null);
    }

    public Caller withToken(String token) {
        return new Caller(token);
    }

    public static JsonNode parse(String text) {
        return json.readTree(text);
    }

    /** One caller: a bearer token, or none. */
    public final class Caller {

        private final String token;

        private Caller(String token) {
            this.token = token;
        }

        public Response get(String path) {
            return send(request(path).GET());
        }

        public Response delete(String path) {
            return send(request(path).DELETE());
        }

        public Response put(String path, String body) {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
        }

        public Response post(String path, String body) {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return builder;
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response, with helpers for JSON and problem bodies. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return parse(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts a problem with {@code status} and returns it. */
        public JsonNode problem(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
            return problem;
        }

        /** Asserts a 400 problem and returns the fields its {@code errors} name. */
        public List<String> badRequestFields() {
            JsonNode errors = problem(400).get("errors");
            assertThat(errors).as("errors of %s", body).isNotNull();
            List<String> fields = new ArrayList<>();
            errors.forEach(error -> {
                assertThat(error.get("message").asString()).isNotBlank();
                fields.add(error.get("field").asString());
            });
            return fields;
        }

        public Response expect(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            return this;
        }
    }
}
