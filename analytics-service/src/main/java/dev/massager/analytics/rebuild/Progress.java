package dev.massager.analytics.rebuild;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress: users done of the total, the rate so far and the time left at that rate.
 *
 * @param done users rebuilt
 * @param total users to rebuild
 * @param elapsed time since the start
 */
record Progress(long done, long total, Duration elapsed) {

    /** Users per second so far; zero before the first second's worth of work. */
    double rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Time left at the rate so far, or {@code null} while there is no rate yet. */
    Duration remaining() {
        double rate = rate();
        if (done >= total) {
            return Duration.ZERO;
        }
        return rate <= 0 ? null : Duration.ofMillis(Math.round((total - done) / rate * 1000));
    }

    /** For example {@code users 1200/5000 (24.0%) | 350.2 users/s | ETA 0:00:11}. */
    String line() {
        double percent = total == 0 ? 100 : 100.0 * done / total;
        Duration remaining = remaining();
        return String.format(
                Locale.ROOT,
                "users %d/%d (%.1f%%) | %.1f users/s | ETA %s",
                done,
                total,
                percent,
                rate(),
                remaining == null ? "--:--:--" : clock(remaining));
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
