package dev.massager.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.massager.broker.DevicePermissions.PublishRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevicePermissionsTest {

    @Test
    void shouldAllowPublishingUnderTheDevicesOwnTopicsRetainedOnlyOnItsStatus() {
        // HiveMQ applies the first rule that matches: the status rule must come before the subtree.
        assertThat(DevicePermissions.rules("mx-00042"))
                .containsExactly(
                        new PublishRule("massagers/mx-00042/status", true),
                        new PublishRule("massagers/mx-00042/#", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx-+", "mx-#", "mx/00042", "+", "#", ""})
    void shouldRefuseAnIdThatWouldWidenTheFilters(String deviceId) {
        assertThatIllegalArgumentException().isThrownBy(() -> DevicePermissions.rules(deviceId));
    }
}
