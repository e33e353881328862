package dev.massager.analytics.aggregate;

import dev.massager.analytics.nights.NightCalendar;
import dev.massager.analytics.nights.NightPolicy;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * The night calendar the service assigns sessions to nights with. Changing the cut-off changes the exposure night of
 * sessions already stored: run the rebuild afterwards (see the README).
 */
@Configuration(proxyBeanMethods = false)
class NightSettings {

    @Bean
    NightCalendar nightCalendar(NightProperties properties) {
        return new NightCalendar(new NightPolicy(properties.nightStart(), properties.exposureCutoff()));
    }

    /**
     * @param nightStart local time at which a night begins
     * @param exposureCutoff local time on the next morning from which a session counts as exposure for no night
     */
    @Validated
    @ConfigurationProperties("massager.nights")
    record NightProperties(
            @NotNull @DefaultValue("12:00") LocalTime nightStart,
            @NotNull @DefaultValue("04:00") LocalTime exposureCutoff) {}
}
