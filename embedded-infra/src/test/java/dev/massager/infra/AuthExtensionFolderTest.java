package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthExtensionFolderTest {

    @Test
    void shouldHoldTheDescriptorAndAJarHiveMqFindsTheExtensionIn(@TempDir Path directory) throws Exception {
        Path folder = AuthExtensionFolder.create(directory);

        assertThat(folder.getFileName()).hasToString("massager-device-auth");
        assertThat(folder.resolve("hivemq-extension.xml")).content().contains("<id>massager-device-auth</id>");
        try (JarFile jar =
                new JarFile(folder.resolve("massager-device-auth.jar").toFile())) {
            assertThat(jar.getEntry("META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain"))
                    .isNotNull();
            assertThat(jar.getEntry("dev/massager/broker/DeviceAuthExtensionMain.class"))
                    .isNotNull();
        }
    }
}
