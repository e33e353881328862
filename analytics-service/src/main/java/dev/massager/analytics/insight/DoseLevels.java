package dev.massager.analytics.insight;

import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The levels of the dose-response, shared by the personal insight and the cohort figures so both put a night in the
 * same level: total session minutes, the main mode and the highest intensity of the night's sessions.
 */
public final class DoseLevels {

    private DoseLevels() {}

    /** The mode levels, in declaration order. */
    public static List<String> modeLevels() {
        return Arrays.stream(Mode.values()).map(Mode::name).toList();
    }

    /** The intensity levels, lowest first. */
    public static List<String> intensityLevels() {
        List<String> levels = new ArrayList<>();
        for (int level = DeviceLimits.MIN_INTENSITY; level <= DeviceLimits.MAX_INTENSITY; level++) {
            levels.add(Integer.toString(level));
        }
        return levels;
    }

    public static List<String> minuteLevels(List<Long> bounds) {
        List<String> levels = new ArrayList<>();
        long lower = 0;
        for (long upper : bounds) {
            levels.add(lower + "-" + upper);
            lower = upper;
        }
        levels.add(">" + lower);
        return levels;
    }

    public static String minuteLevel(NightRecord night, List<Long> bounds, List<String> levels) {
        long seconds =
                night.sessions().stream().mapToLong(ExposureSession::seconds).sum();
        for (int i = 0; i < bounds.size(); i++) {
            if (seconds <= bounds.get(i) * 60) {
                return levels.get(i);
            }
        }
        return levels.get(levels.size() - 1);
    }

    /** The mode with the most seconds over the night's sessions; a tie goes to the mode declared first. */
    public static String mainMode(NightRecord night) {
        Map<Mode, Long> total = new EnumMap<>(Mode.class);
        night.sessions()
                .forEach(session -> session.secondsByMode().forEach((mode, s) -> total.merge(mode, s, Long::sum)));
        Mode main = null;
        for (Mode mode : Mode.values()) {
            long seconds = total.getOrDefault(mode, 0L);
            if (seconds > 0 && (main == null || seconds > total.get(main))) {
                main = mode;
            }
        }
        return main == null ? DoseResponse.UNKNOWN : main.name();
    }

    public static String maxIntensity(NightRecord night) {
        int max = night.sessions().stream()
                .mapToInt(ExposureSession::maxIntensity)
                .max()
                .orElse(ExposureSession.UNKNOWN_INTENSITY);
        return max == ExposureSession.UNKNOWN_INTENSITY ? DoseResponse.UNKNOWN : Integer.toString(max);
    }
}
