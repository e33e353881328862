package dev.massager.analytics.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.massager.analytics.support.Records;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void shouldWriteTheSecondsByModeAsAJsonObject() {
        var summary = Records.session(UUID.randomUUID(), 1, "u-1", Instant.parse("2026-01-10T22:00:00Z"));

        assertThat(Sessions.secondsByMode(summary)).isEqualTo("{\"WAVE\":900,\"FULL\":300}");
    }
}
