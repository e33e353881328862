package dev.massager.session.web;

import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 429 with {@code Retry-After} when an authenticated user goes over their budget (see {@link RateLimits}).
 * It runs after the bearer token was checked: requests without a valid token never reach a budget, and get their
 * 401 from the security filters.
 */
class RateLimitFilter extends OncePerRequestFilter {

    static final String PAIRING_PATH = "/api/v1/me/devices";

    private final RateLimits limits;
    private final JsonMapper json;

    RateLimitFilter(RateLimitProperties properties, JsonMapper json) {
        this.limits = new RateLimits(properties, TimeMeter.SYSTEM_NANOTIME);
        this.json = json;
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
            refuse(request, response, wait.get(), detail);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isPairing(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && PAIRING_PATH.equals(request.getRequestURI());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait, String detail)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
