package dev.massager.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtensionDescriptorTest {

    @Test
    void shouldDescribeTheExtensionTheEmbeddedBrokerRuns() throws Exception {
        String descriptor;
        try (InputStream in = DeviceAuthExtensionMain.class.getResourceAsStream(DeviceAuthExtensionMain.DESCRIPTOR)) {
            assertThat(in).as("the descriptor next to the main class").isNotNull();
            descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(descriptor)
                .contains("<id>" + DeviceAuthExtensionMain.ID + "</id>")
                .contains("<name>" + DeviceAuthExtensionMain.NAME + "</name>")
                .contains("<priority>" + DeviceAuthExtensionMain.PRIORITY + "</priority>")
                .contains("<start-priority>" + DeviceAuthExtensionMain.PRIORITY + "</start-priority>")
                .containsPattern("<version>\\d+\\.\\d+\\.\\d+[^<@]*</version>");
    }

    @Test
    void shouldBeFoundByHiveMqThroughTheServiceLoader() throws Exception {
        try (InputStream in = DeviceAuthExtensionMain.class.getResourceAsStream(
                "/META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(DeviceAuthExtensionMain.class.getName());
        }
    }
}
