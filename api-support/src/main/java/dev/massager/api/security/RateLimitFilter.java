package dev.massager.api.security;

import dev.massager.api.problem.ProblemResponses;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} when an authenticated user goes over their budget (see {@link RateLimits}).
 * It runs after the bearer token was checked: requests without a valid token never reach a budget, and get their
 * 401 from the security filters.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final List<Map.Entry<RequestMatcher, String>> attempts;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimitProperties properties, ApiAuthorization authorization, ProblemResponses problems) {
        this.limits = new RateLimits(properties, TimeMeter.SYSTEM_NANOTIME);
        this.attempts = authorization.attempts().stream()
                .map(attempt -> Map.<RequestMatcher, String>entry(
                        PathPatternRequestMatcher.withDefaults().matcher(attempt.method(), attempt.path()),
                        attempt.name()))
                .toList();
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
        Optional<String> attempt = wait.isEmpty() ? attempted(request) : Optional.empty();
        if (attempt.isPresent()) {
            wait = limits.attempt(userId);
            detail = "Too many " + attempt.get() + " attempts; try again later.";
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

    /** What {@code request} attempts, when it is one of the requests with an attempt budget. */
    private Optional<String> attempted(HttpServletRequest request) {
        return attempts.stream()
                .filter(attempt -> attempt.getKey().matches(request))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
