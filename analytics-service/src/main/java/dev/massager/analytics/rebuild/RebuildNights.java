package dev.massager.analytics.rebuild;

import dev.massager.analytics.AnalyticsServiceApplication;
import java.io.PrintStream;
import java.util.Locale;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rebuild command: migrates the database if needed, recomputes the {@code nights} table and exits, without
 * consuming Kafka or serving HTTP. Configured like the service (environment variables, see the README):
 *
 * <pre>{@code
 * DATABASE_URL=jdbc:postgresql://db:5432/analytics ./mvnw -q -pl analytics-service compile exec:java
 * }</pre>
 */
public final class RebuildNights {

    private static final long REDRAW_NANOS = 200_000_000;

    private RebuildNights() {}

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AnalyticsServiceApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.kafka.listener.auto-startup=false",
                        "spring.kafka.admin.auto-create=false",
                        "spring.main.banner-mode=off")
                .run(args)) {
            PrintStream out = System.err;
            long[] drawn = {0};
            long started = System.nanoTime();
            NightsRebuild.Result result = context.getBean(NightsRebuild.class).rebuild(progress -> {
                long now = System.nanoTime();
                if (now - drawn[0] >= REDRAW_NANOS || progress.done() == progress.total()) {
                    drawn[0] = now;
                    // \r and erase-to-end-of-line: one line, redrawn in place
                    out.print("\r" + progress.line() + "\u001b[K");
                    out.flush();
                }
            });
            out.println();
            out.printf(
                    Locale.ROOT,
                    "Rebuilt the nights of %d users in %.1f s.%n",
                    result.users(),
                    (System.nanoTime() - started) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "Time in each step, summed over the workers: sessions to nights %.1f s, nights %.1f s.%n",
                    result.reassign().toMillis() / 1e3,
                    result.derive().toMillis() / 1e3);
        }
    }
}
