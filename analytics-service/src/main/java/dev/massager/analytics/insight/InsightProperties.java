package dev.massager.analytics.insight;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How personal insights are computed.
 *
 * @param minimumNightsPerArm observed nights needed with sessions and without before a comparison is offered
 * @param minuteBuckets upper bounds, in minutes, of the session-minute levels of the dose-response
 */
@Validated
@ConfigurationProperties("massager.insights")
record InsightProperties(
        @Min(1) @DefaultValue("14") int minimumNightsPerArm,
        @NotEmpty @DefaultValue({"10", "20"}) List<Long> minuteBuckets) {}
