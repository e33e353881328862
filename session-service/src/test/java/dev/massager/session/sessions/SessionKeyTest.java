package dev.massager.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionKeyTest {

    @Test
    void shouldDeriveTheSameIdEveryTime() {
        SessionKey key = new SessionKey("massager-0001", "s-000381");

        assertThat(key.sessionId())
                .isEqualTo(key.sessionId())
                .isEqualTo(new SessionKey("massager-0001", "s-000381").sessionId());
    }

    @Test
    void shouldDeriveANameBasedUuid() {
        UUID id = new SessionKey("massager-0001", "s-000381").sessionId();

        assertThat(id.version()).isEqualTo(3);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void shouldPinTheIdSoThatItNeverChangesBetweenReleases() {
        // The id is stored and published; deriving it differently would split every stored session in two.
        assertThat(new SessionKey("massager-0001", "s-000381").sessionId())
                .isEqualTo(UUID.nameUUIDFromBytes(
                        "massager-session/massager-0001/s-000381".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldDeriveDifferentIdsForDifferentDevices() {
        assertThat(new SessionKey("massager-0001", "s-1").sessionId())
                .isNotEqualTo(new SessionKey("massager-0002", "s-1").sessionId());
    }

    @Test
    void shouldDeriveDifferentIdsForDifferentSessionsOfOneDevice() {
        assertThat(new SessionKey("massager-0001", "s-1").sessionId())
                .isNotEqualTo(new SessionKey("massager-0001", "s-2").sessionId());
    }

    @Test
    void shouldKeepTheDeviceAndSessionPartsApart() {
        // Device ids may contain '-' and session ids ':', '.', '-': moving characters across the boundary must
        // give another id.
        assertThat(new SessionKey("abcd-1", "2").sessionId())
                .isNotEqualTo(new SessionKey("abcd", "1-2").sessionId())
                .isNotEqualTo(new SessionKey("abcd-12", "").sessionId());
    }

    @Test
    void shouldDeriveDistinctIdsForManyKeys() {
        Set<UUID> ids = new HashSet<>();
        for (int device = 0; device < 50; device++) {
            for (int session = 0; session < 50; session++) {
                ids.add(new SessionKey("device-" + device, "s-" + session).sessionId());
            }
        }

        assertThat(ids).hasSize(2500);
    }

    @Test
    void shouldRequireBothParts() {
        assertThatNullPointerException().isThrownBy(() -> new SessionKey(null, "s-1"));
        assertThatNullPointerException().isThrownBy(() -> new SessionKey("massager-0001", null));
    }
}
