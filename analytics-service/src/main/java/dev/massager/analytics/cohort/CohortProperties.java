package dev.massager.analytics.cohort;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How cohort figures protect individuals.
 *
 * @param minimumUsers a figure that fewer users than this stand behind is suppressed (k-anonymity's k)
 */
@Validated
@ConfigurationProperties("massager.cohort")
record CohortProperties(@Min(2) @DefaultValue("10") int minimumUsers) {}
