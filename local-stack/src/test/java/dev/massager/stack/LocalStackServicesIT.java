package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.massager.api.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services started and stopped one by one on a running stack, as a benchmark that prepares the servers first does. */
class LocalStackServicesIT {

    @Test
    void shouldStartAndStopAServiceLaterWhileTheServersKeepRunning(@TempDir Path workDirectory) {
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults()
                .withFreePorts(true)
                .withWorkDirectory(workDirectory)
                .withServices(Set.of())
                .withProperties(LocalStack.Service.SESSIONS, Map.of("massager.rate-limits.burst", "1000")))) {
            assertThat(stack.serviceProcesses()).isEmpty();

            stack.startServices(EnumSet.of(LocalStack.Service.SESSIONS));

            ProcessHandle sessions = stack.serviceProcesses().get(LocalStack.Service.SESSIONS);
            assertThat(sessions.isAlive()).isTrue();
            assertThat(stack.serviceProcesses()).containsOnlyKeys(LocalStack.Service.SESSIONS);
            String token = stack.tokens().mint("someone", List.of("user"), Duration.ofMinutes(5));
            new ApiClient(stack.sessionServiceUri().getPort())
                    .withToken(token)
                    .get("/api/v1/me")
                    .expect(200);
            assertThat(ProcessHandle.of(sessions.pid()).flatMap(p -> p.info().arguments()))
                    .hasValueSatisfying(
                            arguments -> assertThat(arguments).contains("--massager.rate-limits.burst=1000"));
            assertThatThrownBy(() -> stack.startServices(EnumSet.of(LocalStack.Service.SESSIONS)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("session-service runs already");

            stack.stopServices(EnumSet.of(LocalStack.Service.SESSIONS));

            assertThat(sessions.isAlive()).isFalse();
            assertThat(stack.serviceProcesses()).isEmpty();
            assertThat(stack.infrastructure().kafka().bootstrapServers()).isNotBlank();
        }
    }
}
