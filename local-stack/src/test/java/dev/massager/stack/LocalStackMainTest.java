package dev.massager.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    private static final LocalStack.Options DEFAULTS = LocalStack.Options.defaults();

    @Test
    void shouldUseTheWellKnownPortsTheDefaultWorkDirectoryAndTheDefaultFleetWithoutOptions() {
        LocalStackMain.Launch launch = LocalStackMain.parse(new String[0], DEFAULTS);

        assertThat(launch.stack()).isEqualTo(DEFAULTS);
        assertThat(DEFAULTS.freePorts()).isFalse();
        assertThat(launch.fleet()).contains(new LocalFleet(42, 50, 60));
    }

    @Test
    void shouldTakeFreePortsAndAWorkDirectoryInEitherSpelling() {
        assertThat(LocalStackMain.parse(new String[] {"--free-ports", "--work-dir", "/tmp/a"}, DEFAULTS)
                        .stack())
                .isEqualTo(DEFAULTS.withFreePorts(true).withWorkDirectory(Path.of("/tmp/a")));
        assertThat(LocalStackMain.parse(new String[] {"--work-dir=/tmp/b"}, DEFAULTS)
                        .stack()
                        .workDirectory())
                .isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void shouldSizeTheFleetOrLeaveItOut() {
        assertThat(LocalStackMain.parse(new String[] {"--devices", "5", "--days=3", "--seed", "7"}, DEFAULTS)
                        .fleet())
                .contains(new LocalFleet(7, 5, 3));
        assertThat(LocalStackMain.parse(new String[] {"--no-fleet"}, DEFAULTS).fleet())
                .isEqualTo(Optional.empty());
    }

    @Test
    void shouldOnlyAskForTheUsageWithHelp() {
        assertThat(LocalStackMain.parse(new String[] {"--help"}, DEFAULTS).help())
                .isTrue();
        assertThat(LocalStackMain.parse(new String[0], DEFAULTS).help()).isFalse();
    }

    @Test
    void shouldRefuseAnUnknownOrIncompleteOptionWithTheUsage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackMain.parse(new String[] {"--fre-ports"}, DEFAULTS))
                .withMessageContaining("--fre-ports")
                .withMessageContaining("Usage: local-stack");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackMain.parse(new String[] {"--work-dir"}, DEFAULTS));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalStackMain.parse(new String[] {"--devices", "many"}, DEFAULTS));
    }
}
