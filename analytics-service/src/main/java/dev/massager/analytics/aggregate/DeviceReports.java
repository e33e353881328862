package dev.massager.analytics.aggregate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Until when the data of a user's devices is complete: any session run before that instant has reached this service,
 * so a night that ended before it and has no session really had none. Per device that is:
 *
 * <ul>
 *   <li>latest status OFFLINE (the Last Will, or a clean disconnect), received at t: t, since a connected device sends
 *       its sessions as they happen;
 *   <li>latest status ONLINE, received at least the pipeline's lag ago: now minus that lag, the lag covering the
 *       upload of the backlog the device held while offline, session-service's quiet period and the outbox;
 *   <li>ONLINE more recently, or no status at all: unknown, so nothing is complete yet.
 * </ul>
 *
 * A user's data is complete until the earliest of their devices' instants: one device still holding a backlog keeps
 * the nights open. Devices are those that ran one of the user's sessions ({@code user_devices}).
 */
@Component
public class DeviceReports {

    private static final String COMPLETE_UNTIL = """
            select u.user_id, case when bool_or(x.until is null) then null else min(x.until) end as complete_until
            from user_devices u
            left join lateral (
                select case
                    when d.state = 'OFFLINE' then d.received_at
                    when d.state = 'ONLINE' and d.received_at <= ? then ?::timestamptz
                    end as until
                from device_statuses d where d.device_id = u.device_id) x on true
            """;

    private final JdbcClient jdbc;
    private final Duration lag;

    DeviceReports(JdbcClient jdbc, @Value("${massager.nights.pipeline-lag:1h}") Duration lag) {
        this.jdbc = jdbc;
        this.lag = lag;
    }

    /**
     * Until when {@code userId}'s device data is complete; empty when unknown, or when the user never had a session
     * and so has no known device.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> completeUntil(String userId) {
        Instant settledBefore = Instant.now().minus(lag);
        return jdbc.sql(COMPLETE_UNTIL + " where u.user_id = ? group by u.user_id")
                .params(utc(settledBefore), utc(settledBefore), userId)
                .query((row, number) ->
                        Optional.ofNullable(row.getTimestamp("complete_until")).map(Timestamp::toInstant))
                .optional()
                .flatMap(until -> until);
    }

    /** Until when each user's device data is complete, for the users where that is known. */
    @Transactional(readOnly = true)
    public Map<String, Instant> completeUntil() {
        Instant settledBefore = Instant.now().minus(lag);
        Map<String, Instant> complete = new HashMap<>();
        jdbc.sql(COMPLETE_UNTIL + " group by u.user_id")
                .params(utc(settledBefore), utc(settledBefore))
                .query(row -> {
                    Timestamp until = row.getTimestamp("complete_until");
                    if (until != null) {
                        complete.put(row.getString("user_id"), until.toInstant());
                    }
                });
        return complete;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
