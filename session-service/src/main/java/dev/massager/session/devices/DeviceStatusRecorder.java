package dev.massager.session.devices;

import dev.massager.session.stream.DeviceRecords.ReportedStatus;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the latest status each device reported. "Latest" is by device time, so a redelivered or reordered older
 * status never overwrites a newer one.
 */
@Component
class DeviceStatusRecorder {

    private final JdbcTemplate jdbc;

    DeviceStatusRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(List<ReportedStatus> statuses) {
        jdbc.batchUpdate(
                """
                insert into device_statuses (device_id, state, firmware, reported_at, received_at)
                values (?, ?, ?, ?, ?)
                on conflict (device_id) do update set state = excluded.state, firmware = excluded.firmware,
                    reported_at = excluded.reported_at, received_at = excluded.received_at
                where device_statuses.reported_at <= excluded.reported_at
                """,
                statuses.stream()
                        .map(reported -> new Object[] {
                            reported.deviceId(),
                            reported.status().state().name(),
                            reported.status().fw(),
                            reported.status().ts().atOffset(ZoneOffset.UTC),
                            reported.receivedAt().atOffset(ZoneOffset.UTC)
                        })
                        .toList());
    }
}
