package dev.massager.simulator.fleet;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a simulated fleet is like. Every probability is per night, per session or per message as named; the defaults
 * describe a plausible cohort with a true effect of an evening session on the chance of a cramp night.
 *
 * @param seed makes the whole fleet, every night and every message reproducible
 * @param prefix names the fleet: users {@code <prefix>-user-0001} and on, devices {@code <prefix>-0001} and on
 * @param devices how many massagers, one per virtual user
 * @param zones the users' time zones, assigned in turn
 * @param sessionRate mean chance that a user has an evening session on a night; each user's own rate varies around
 *     it, independently of their cramp rate
 * @param crampRate mean chance of a cramp night without a session; each user's own rate varies around it
 * @param relativeRisk the true effect: a night with an evening session has this times the user's chance of cramps
 * @param diaryRate chance that a user logs a night in the diary; the other nights stay unlogged (unknown)
 * @param faultRate chance that a session ends in a device fault
 * @param offlineRate chance that a device runs a session without a connection and uploads it later
 * @param wrongClockRate share of devices whose clock is wrong: half drift some minutes ahead, half were reset to
 *     1970 by a battery swap
 * @param duplicateRate chance that a message is sent twice
 * @param sampleInterval how often a running device sends a telemetry sample (1 s on real devices)
 */
public record FleetSpec(
        long seed,
        String prefix,
        int devices,
        List<ZoneId> zones,
        double sessionRate,
        double crampRate,
        double relativeRisk,
        double diaryRate,
        double faultRate,
        double offlineRate,
        double wrongClockRate,
        double duplicateRate,
        Duration sampleInterval) {

    /** Where the default users live: zones far apart, so some users are in their evening at any hour. */
    public static final List<ZoneId> DEFAULT_ZONES = List.of(
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"),
            ZoneId.of("Europe/London"),
            ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Australia/Sydney"));

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");

    public FleetSpec {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to 40 letters, digits and dashes, was " + prefix);
        }
        if (devices < 1 || devices > 99_999) {
            throw new IllegalArgumentException("devices must be 1 to 99999, was " + devices);
        }
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("at least one time zone is needed");
        }
        probability("sessionRate", sessionRate);
        probability("crampRate", crampRate);
        probability("diaryRate", diaryRate);
        probability("faultRate", faultRate);
        probability("offlineRate", offlineRate);
        probability("wrongClockRate", wrongClockRate);
        probability("duplicateRate", duplicateRate);
        if (!(relativeRisk > 0) || crampRate * relativeRisk > 1) {
            throw new IllegalArgumentException(
                    "relativeRisk must be above 0 and keep crampRate * relativeRisk at most 1, was " + relativeRisk);
        }
        if (sampleInterval.isNegative()
                || sampleInterval.compareTo(Duration.ofSeconds(1)) < 0
                || sampleInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("sampleInterval must be 1 s to 1 min, was " + sampleInterval);
        }
    }

    /** The default fleet of {@code devices} massagers. */
    public static FleetSpec defaults(long seed, int devices) {
        return builder(seed, devices).build();
    }

    /** A fleet of {@code devices} massagers, with the defaults until told otherwise. */
    public static Builder builder(long seed, int devices) {
        return new Builder(seed, devices);
    }

    /** Builds a {@link FleetSpec}; starts from the defaults of the component descriptions. */
    public static final class Builder {

        private final long seed;
        private final int devices;
        private String prefix = "sim";
        private List<ZoneId> zones = DEFAULT_ZONES;
        private double relativeRisk = 0.6;
        private double wrongClockRate = 0.04;
        private Duration sampleInterval = Duration.ofSeconds(1);

        private Builder(long seed, int devices) {
            this.seed = seed;
            this.devices = devices;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder zones(List<ZoneId> zones) {
            this.zones = zones;
            return this;
        }

        public Builder relativeRisk(double relativeRisk) {
            this.relativeRisk = relativeRisk;
            return this;
        }

        public Builder wrongClockRate(double wrongClockRate) {
            this.wrongClockRate = wrongClockRate;
            return this;
        }

        public Builder sampleInterval(Duration sampleInterval) {
            this.sampleInterval = sampleInterval;
            return this;
        }

        /** @throws IllegalArgumentException when a value is out of its range */
        public FleetSpec build() {
            return new FleetSpec(
                    seed,
                    prefix,
                    devices,
                    zones,
                    0.5,
                    0.35,
                    relativeRisk,
                    0.85,
                    0.02,
                    0.08,
                    wrongClockRate,
                    0.01,
                    sampleInterval);
        }
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
