package dev.massager.analytics.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the cohort API until it exists: answers {@code /api/v1/cohort/usage} and {@code /cramps} with the
 * fixtures in {@code dashboard/} (the JSON contract, suppressed cells included) and remembers what it was asked.
 * Like the real API it answers 401 and 403 as RFC 9457 problems, here for two fixed tokens.
 *
 * <p>{@link TestComponent} keeps component scanning from finding it; a test imports it.
 */
@TestComponent
@RestController
@RequestMapping("/api/v1/cohort")
class FakeCohortApi {

    static final String USAGE_FIXTURE = "dashboard/cohort-usage.json";
    static final String CRAMPS_FIXTURE = "dashboard/cohort-cramps.json";

    /** A token the fake answers with 401, as the real API does for an expired or forged one. */
    static final String REJECTED_TOKEN = "rejected-token";

    /** A token the fake answers with 403, as the real API does for a user without the analyst role. */
    static final String NON_ANALYST_TOKEN = "non-analyst-token";

    /** One request the fake answered. */
    record Received(String resource, String authorization, String from, String to) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @GetMapping("/usage")
    ResponseEntity<?> usage(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam String from,
            @RequestParam String to) {
        return answer("usage", authorization, from, to, USAGE_FIXTURE);
    }

    @GetMapping("/cramps")
    ResponseEntity<?> cramps(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam String from,
            @RequestParam String to) {
        return answer("cramps", authorization, from, to, CRAMPS_FIXTURE);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void forget() {
        received.clear();
    }

    static String fixture(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResponseEntity<?> answer(String resource, String authorization, String from, String to, String fixture) {
        received.add(new Received(resource, authorization, from, to));
        if (("Bearer " + REJECTED_TOKEN).equals(authorization)) {
            return problem(HttpStatus.UNAUTHORIZED, "The bearer token has expired.");
        }
        if (("Bearer " + NON_ANALYST_TOKEN).equals(authorization)) {
            return problem(HttpStatus.FORBIDDEN, "The analyst role is required.");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(fixture(fixture));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
