package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.massager.api.problem.BadRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionCursorTest {

    final SessionCursor cursors = new SessionCursor("test-key");
    final SessionCursor.Position position =
            new SessionCursor.Position(Instant.parse("2026-03-01T21:14:05.123456Z"), UUID.randomUUID());

    @Test
    void shouldReadBackWhatItWrote() {
        String token = cursors.encode("alice", position);

        assertThat(cursors.decode("alice", token)).isEqualTo(position);
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Nested
    class Refuses {

        @Test
        void shouldRefuseGarbage() {
            assertRefused("not a cursor!");
            assertRefused("");
            assertRefused("AAAA");
        }

        @Test
        void shouldRefuseAChangedToken() {
            byte[] bytes = Base64.getUrlDecoder().decode(cursors.encode("alice", position));
            bytes[3] ^= 1;

            assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }

        @Test
        void shouldRefuseAnotherUsersToken() {
            String token = cursors.encode("alice", position);

            assertThatThrownBy(() -> cursors.decode("bob", token)).isInstanceOf(BadRequest.class);
        }

        @Test
        void shouldRefuseATokenSignedWithAnotherKey() {
            assertRefused(new SessionCursor("other-key").encode("alice", position));
        }

        private void assertRefused(String token) {
            assertThatThrownBy(() -> cursors.decode("alice", token))
                    .isInstanceOf(BadRequest.class)
                    .hasMessageContaining("cursor");
        }
    }
}
