package dev.massager.analytics.devices;

import dev.massager.analytics.devices.DeviceRecords.ReportedStatus;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the latest status of each device by the gateway's receive time: the Last Will that says OFFLINE carries the
 * time the device connected, so the device's own time cannot order them. A redelivered older record never overwrites
 * a newer one; tombstones say nothing and are skipped.
 */
@Component
class DeviceStatuses {

    private final JdbcTemplate jdbc;

    DeviceStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(List<ReportedStatus> statuses) {
        jdbc.batchUpdate(
                """
                insert into device_statuses (device_id, state, firmware, received_at) values (?, ?, ?, ?)
                on conflict (device_id) do update set state = excluded.state, firmware = excluded.firmware,
                    received_at = excluded.received_at
                where device_statuses.received_at <= excluded.received_at
                """,
                statuses.stream()
                        .filter(reported -> reported.status() != null)
                        .map(reported -> new Object[] {
                            reported.deviceId(),
                            reported.status().state().name(),
                            reported.status().fw(),
                            Timestamp.from(reported.receivedAt())
                        })
                        .toList());
    }
}
