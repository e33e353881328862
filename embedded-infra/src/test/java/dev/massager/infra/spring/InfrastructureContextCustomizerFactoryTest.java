package dev.massager.infra.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class InfrastructureContextCustomizerFactoryTest {

    private final InfrastructureContextCustomizerFactory factory = new InfrastructureContextCustomizerFactory();

    @WithInfrastructure(database = "sessions")
    static class SessionsTest {

        class NestedTest {}
    }

    @WithInfrastructure(database = "sessions")
    static class OtherSessionsTest {}

    @WithInfrastructure(database = "analytics")
    static class AnalyticsTest {}

    @WithInfrastructure
    static class NoDatabaseTest {}

    @WithInfrastructure(database = "session")
    static class MisspelledTest {}

    static class PlainTest {}

    private ContextCustomizer customizerFor(Class<?> testClass) {
        return factory.createContextCustomizer(testClass, List.of());
    }

    @Nested
    class Finding {

        @Test
        void shouldIgnoreATestWithoutTheAnnotation() {
            assertThat(customizerFor(PlainTest.class)).isNull();
        }

        @Test
        void shouldFindTheAnnotationOnAnEnclosingClass() {
            assertThat(customizerFor(SessionsTest.NestedTest.class))
                    .isEqualTo(new InfrastructureContextCustomizer("sessions"));
        }

        @Test
        void shouldRejectAnUnknownDatabase() {
            assertThatIllegalStateException()
                    .isThrownBy(() -> customizerFor(MisspelledTest.class))
                    .withMessageContaining("session\"")
                    .withMessageContaining("[sessions, analytics]");
        }
    }

    @Nested
    class ContextCaching {

        @Test
        void shouldGiveEqualCustomizersForTheSameDatabase() {
            assertThat(customizerFor(SessionsTest.class))
                    .isEqualTo(customizerFor(OtherSessionsTest.class))
                    .hasSameHashCodeAs(customizerFor(OtherSessionsTest.class));
        }

        @Test
        void shouldTellDatabasesApart() {
            assertThat(customizerFor(SessionsTest.class))
                    .isNotEqualTo(customizerFor(AnalyticsTest.class))
                    .isNotEqualTo(customizerFor(NoDatabaseTest.class));
        }
    }
}
