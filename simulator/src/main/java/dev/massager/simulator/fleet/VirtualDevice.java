package dev.massager.simulator.fleet;

import java.time.Duration;

/**
 * A massager of the fleet.
 *
 * @param id its device id, also its certificate's common name and MQTT client id
 * @param pairingCode the code printed on its box, which its user types in to pair it
 * @param firmware the firmware it runs
 * @param clockError how far its clock is off: zero for most, minutes ahead for a drifting clock, decades behind for
 *     one reset to 1970
 */
public record VirtualDevice(String id, String pairingCode, String firmware, Duration clockError) {

    /** Whether the clock was reset to 1970, so that the gateway flags its timestamps as a wrong clock. */
    public boolean resetClock() {
        return clockError.compareTo(Duration.ofDays(-365)) < 0;
    }
}
