package dev.massager.analytics.insight;

/**
 * How many more observed nights each arm needs to reach the minimum; 0 for an arm already there.
 *
 * @param withSessions more nights with sessions needed
 * @param withoutSessions more nights without sessions needed
 */
public record MoreNightsNeeded(int withSessions, int withoutSessions) {

    public MoreNightsNeeded {
        if (withSessions < 0 || withoutSessions < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public boolean none() {
        return withSessions == 0 && withoutSessions == 0;
    }
}
