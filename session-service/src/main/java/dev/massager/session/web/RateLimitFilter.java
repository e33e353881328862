package dev.massager.session.web;

import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} when an authenticated user goes over their budget (see {@link RateLimits}).
 * It runs after the bearer token was checked: requests without a valid token never reach a budget, and get their
 * 401 from the security filters.
 */
class RateLimitFilter extends OncePerRequestFilter {

    static final String PAIRING_PATH = "/api/v1/me/devices";

    private final RateLimits limits;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimitProperties properties, ProblemResponses problems) {
        this.limits = new RateLimits(properties, TimeMeter.SYSTEM_NANOTIME);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        String userId = token.getToken().getSubject();
        Optional<Duration> wait = limits.request(userId);
        String detail = "Too many requests; try again later.";
        if (wait.isEmpty() && isPairing(request)) {
            wait = limits.pairingAttempt(userId);
            detail = "Too many pairing attempts; try again later.";
        }
        if (wait.isPresent()) {
            // Whole seconds, rounded up: a client that waits that long gets through.
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            problems.write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    detail,
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isPairing(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && PAIRING_PATH.equals(request.getRequestURI());
    }
}
