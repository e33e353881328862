package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stack refuses before it starts anything. */
class LocalStackTest {

    @TempDir
    Path workDirectory;

    @Test
    void shouldSayHowToBuildAMissingServiceJar(@TempDir Path emptyServices) {
        assertThatIllegalStateException()
                .isThrownBy(() -> LocalStack.start(options(emptyServices)))
                .withMessageContaining("device-gateway.jar")
                .withMessageContaining("./mvnw -pl local-stack -am -DskipTests package");
    }

    @Nested
    class OnTheWellKnownPorts {

        @Test
        void shouldNameATakenPortAndTheWayOut(@TempDir Path services) throws IOException {
            for (String service : new String[] {"device-gateway", "session-service", "analytics-service"}) {
                Files.createFile(services.resolve(service + ".jar"));
            }
            try (ServerSocket taken = new ServerSocket()) {
                assumeTrue(bind(taken, 8081), "port 8081 is in use on this machine already");

                assertThatIllegalStateException()
                        .isThrownBy(() -> LocalStack.start(options(services)))
                        .withMessageMatching("Port \\d+ \\(.+\\) is in use: .*--free-ports");
            }
            assertThat(workDirectory.resolve("logs")).doesNotExist();
        }

        private static boolean bind(ServerSocket socket, int port) {
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private LocalStack.Options options(Path services) {
        return LocalStack.Options.defaults().withWorkDirectory(workDirectory).withServicesDirectory(services);
    }
}
