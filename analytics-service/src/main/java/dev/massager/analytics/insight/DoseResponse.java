package dev.massager.analytics.insight;

import java.util.List;

/**
 * The cramp-night rate among nights with sessions, broken down three ways. Each list holds every configured level in
 * order, empty levels included, and an {@value #UNKNOWN} level last when some nights lack the information.
 *
 * @param byMinutes by total session minutes that night
 * @param byMainMode by the mode with the most seconds that night
 * @param byMaxIntensity by the highest intensity used that night
 */
public record DoseResponse(List<DoseLevel> byMinutes, List<DoseLevel> byMainMode, List<DoseLevel> byMaxIntensity) {

    /** The level of nights whose sessions report no mode or no intensity. */
    public static final String UNKNOWN = "UNKNOWN";

    public DoseResponse {
        byMinutes = List.copyOf(byMinutes);
        byMainMode = List.copyOf(byMainMode);
        byMaxIntensity = List.copyOf(byMaxIntensity);
    }
}
