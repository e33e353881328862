package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    private static final LocalStack.Options DEFAULTS = LocalStack.Options.defaults();

    @Test
    void shouldUseTheWellKnownPortsAndTheDefaultWorkDirectoryWithoutOptions() {
        assertThat(LocalStackMain.parse(new String[0], DEFAULTS)).isEqualTo(DEFAULTS);
        assertThat(DEFAULTS.freePorts()).isFalse();
    }

    @Test
    void shouldTakeFreePortsAndAWorkDirectoryInEitherSpelling() {
        assertThat(LocalStackMain.parse(new String[] {"--free-ports", "--work-dir", "/tmp/a"}, DEFAULTS))
                .isEqualTo(DEFAULTS.withFreePorts(true).withWorkDirectory(Path.of("/tmp/a")));
        assertThat(LocalStackMain.parse(new String[] {"--work-dir=/tmp/b"}, DEFAULTS)
                        .workDirectory())
                .isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void shouldRefuseAnUnknownOrIncompleteOptionWithTheUsage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackMain.parse(new String[] {"--fre-ports"}, DEFAULTS))
                .withMessageContaining("Usage: LocalStackMain [--work-dir <directory>] [--free-ports]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackMain.parse(new String[] {"--work-dir"}, DEFAULTS));
    }
}
