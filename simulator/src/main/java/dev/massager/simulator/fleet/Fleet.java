package dev.massager.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The users and devices of a {@link FleetSpec}: {@code <prefix>-user-0001} owns {@code <prefix>-0001}, and so on. The same spec
 * always gives the same fleet.
 */
public final class Fleet {

    private static final long PURPOSE_PEOPLE = 1;

    private static final String CODE_CHARACTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final List<String> FIRMWARE = List.of("2.3.1", "2.3.1", "2.3.1", "2.4.0", "2.4.0", "2.2.7");

    /** When battery swaps reset the 1970 clocks, in the story: the clock counts from the epoch since then. */
    static final Instant CLOCK_RESET = Instant.parse("2026-01-01T00:00:00Z");

    private final FleetSpec spec;
    private final List<VirtualUser> users;
    private final NightPlanner planner;

    public Fleet(FleetSpec spec) {
        this.spec = spec;
        List<VirtualUser> people = new ArrayList<>(spec.devices());
        for (int i = 0; i < spec.devices(); i++) {
            people.add(person(i));
        }
        this.users = List.copyOf(people);
        this.planner = new NightPlanner(spec);
    }

    public FleetSpec spec() {
        return spec;
    }

    public List<VirtualUser> users() {
        return users;
    }

    /** What {@code user}'s night of {@code date} holds. */
    public NightPlan night(VirtualUser user, LocalDate date) {
        return planner.plan(user, date);
    }

    private VirtualUser person(int index) {
        SplittableRandom random = Seeds.random(spec.seed(), PURPOSE_PEOPLE, index, 0);
        String number = String.format("%04d", index + 1);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_CHARACTERS.charAt(random.nextInt(CODE_CHARACTERS.length())));
        }
        String firmware = FIRMWARE.get(random.nextInt(FIRMWARE.size()));
        Duration clockError = Duration.ZERO;
        if (random.nextDouble() < spec.wrongClockRate()) {
            clockError = random.nextBoolean()
                    ? Duration.ofSeconds(120 + random.nextInt(420))
                    : Duration.between(CLOCK_RESET, Instant.EPOCH);
        }
        VirtualDevice device = new VirtualDevice(spec.prefix() + "-" + number, code.toString(), firmware, clockError);
        // Users differ: some use the massager most evenings, some rarely; some cramp often. The two are drawn
        // independently, so the cohort comparison is not confounded by who uses the device.
        double sessionRate = clamp(spec.sessionRate() + (random.nextDouble() - 0.5) * 0.5, 0.05, 0.95);
        double crampRate = clamp(
                spec.crampRate() * Math.exp((random.nextDouble() - 0.5) * 0.8),
                0.02,
                Math.min(0.95, 1 / spec.relativeRisk()));
        return new VirtualUser(
                index,
                spec.prefix() + "-user-" + number,
                spec.zones().get(index % spec.zones().size()),
                device,
                sessionRate,
                crampRate);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
