package dev.massager.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

    @Test
    void shouldNameTheTopicsOfTheDesign() {
        assertThat(KafkaTopics.all())
                .containsExactly(
                        "massager.telemetry.v1",
                        "massager.device-events.v1",
                        "massager.device-status.v1",
                        "massager.ingest-rejected.v1",
                        "massager.sessions.v1",
                        "massager.cramp-nights.v1",
                        "massager.user-erasures.v1");
    }

    @Test
    void shouldNameTheDeadLetterTopicOfATopic() {
        assertThat(KafkaTopics.deadLetter(KafkaTopics.SESSIONS)).isEqualTo("massager.sessions.v1.dlt");
    }

    @Test
    void shouldRefuseADeadLetterTopicOfADeadLetterTopic() {
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaTopics.deadLetter("massager.sessions.v1.dlt"));
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaTopics.deadLetter(" "));
    }
}
