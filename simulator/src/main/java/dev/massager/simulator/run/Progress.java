package dev.massager.simulator.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress display: parts done of the total, messages sent, their rate and the time left. On a terminal the
 * line is rewritten in place; otherwise a line is printed every few seconds.
 */
public final class Progress {

    private final String what;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startedAt = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile long shownAt;

    public Progress(String what, long total, PrintStream out) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.terminal = System.console() != null;
    }

    /** A display that shows nothing, for tests. */
    public static Progress silent(String what, long total) {
        return new Progress(what, total, null);
    }

    public void sent(long count) {
        messages.addAndGet(count);
        show(false);
    }

    public void partDone() {
        done.incrementAndGet();
        show(false);
    }

    public long messages() {
        return messages.get();
    }

    /** Prints the final line. */
    public void finish() {
        show(true);
        if (out != null && terminal) {
            out.println();
        }
    }

    private void show(boolean last) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        long every = terminal ? 500_000_000L : 5_000_000_000L;
        if (!last && now - shownAt < every) {
            return;
        }
        synchronized (this) {
            if (!last && now - shownAt < every) {
                return;
            }
            shownAt = now;
            double seconds = Math.max(1e-3, (now - startedAt) / 1e9);
            long finished = done.get();
            String eta = finished == 0 || finished >= total
                    ? "--:--"
                    : clock(Duration.ofSeconds((long) (seconds / finished * (total - finished))));
            String line = String.format(
                    "%s: %d/%d (%.0f%%) | %,d messages | %,.0f messages/s | ETA %s | %s elapsed",
                    what,
                    finished,
                    total,
                    100.0 * finished / Math.max(1, total),
                    messages.get(),
                    messages.get() / seconds,
                    eta,
                    clock(Duration.ofSeconds((long) seconds)));
            if (terminal) {
                out.print("\r" + line);
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    private static String clock(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}
