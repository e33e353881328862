package dev.massager.analytics.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void shouldShowDoneOfTotalTheRateAndTheTimeLeft() {
        var progress = new Progress(1200, 5000, Duration.ofSeconds(4));

        assertThat(progress.rate()).isEqualTo(300.0);
        assertThat(progress.remaining())
                .isEqualTo(Duration.ofSeconds(12, 666_666_667).withNanos(667_000_000));
        assertThat(progress.line()).isEqualTo("users 1200/5000 (24.0%) | 300.0 users/s | ETA 0:00:12");
    }

    @Test
    void shouldShowNoTimeLeftBeforeThereIsARate() {
        var progress = new Progress(0, 5000, Duration.ZERO);

        assertThat(progress.remaining()).isNull();
        assertThat(progress.line()).isEqualTo("users 0/5000 (0.0%) | 0.0 users/s | ETA --:--:--");
    }

    @Test
    void shouldShowHoursOfALongRebuild() {
        var progress = new Progress(10, 100_010, Duration.ofSeconds(1));

        assertThat(progress.line()).endsWith("ETA 2:46:40");
    }

    @Test
    void shouldBeDoneWhenEveryUserIsDone() {
        var progress = new Progress(7, 7, Duration.ofMillis(3));

        assertThat(progress.remaining()).isZero();
        assertThat(progress.line()).startsWith("users 7/7 (100.0%)");
    }
}
