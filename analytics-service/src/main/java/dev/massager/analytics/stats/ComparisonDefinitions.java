package dev.massager.analytics.stats;

/**
 * Which methods a {@link Comparison} used, in words an API client can show next to the numbers.
 *
 * @param confidenceInterval how the relative risk's interval is computed
 * @param zeroCells what happens when a cell is zero
 * @param test the significance test
 */
public record ComparisonDefinitions(String confidenceInterval, String zeroCells, String test) {

    /** The methods {@link Comparison#of} uses. */
    public static final ComparisonDefinitions STANDARD = new ComparisonDefinitions(
            "relative risk with confidence interval by the log method (Katz)",
            "Haldane–Anscombe correction when a cell is zero: 0.5 added to every cell for the relative risk and"
                    + " its interval; the rates shown are as counted",
            "Fisher's exact test, two-sided");
}
