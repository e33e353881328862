package dev.massager.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.massager.simulator.fleet.Fleet;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

    @Test
    void shouldBuildTheFleetTheOptionsDescribe() {
        SimulatorCommand.HistoryCommand history = new SimulatorCommand.HistoryCommand();
        new CommandLine(history)
                .parseArgs(
                        "--prefix",
                        "extra",
                        "--devices",
                        "3",
                        "--seed",
                        "7",
                        "--relative-risk",
                        "0.8",
                        "--zones",
                        "Asia/Tokyo,Europe/Berlin",
                        "--days",
                        "5");

        Fleet fleet = history.fleet.fleet();

        assertThat(fleet.users())
                .extracting(user -> user.id())
                .containsExactly("extra-user-0001", "extra-user-0002", "extra-user-0003");
        assertThat(fleet.users().get(1).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(fleet.spec().seed()).isEqualTo(7);
        assertThat(fleet.spec().relativeRisk()).isEqualTo(0.8);
        assertThat(history.days).isEqualTo(5);
    }

    @Test
    void shouldRefuseAPrefixThatCannotNameADevice() {
        SimulatorCommand.HistoryCommand history = new SimulatorCommand.HistoryCommand();
        new CommandLine(history).parseArgs("--prefix", "no spaces");

        assertThatThrownBy(() -> history.fleet.fleet())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }
}
