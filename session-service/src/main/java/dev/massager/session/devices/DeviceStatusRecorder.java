package dev.massager.session.devices;

import dev.massager.session.stream.DeviceRecords.ReportedStatus;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the latest status each device reported. "Latest" is by the gateway's receive time, not the device's: the
 * Last Will that says OFFLINE carries the time the device connected, older than the ONLINE it sent right after, and
 * a device clock reset to 1970 must not freeze its status. A redelivered older record never overwrites a newer one.
 * Tombstones (no value), which a compacted topic may carry, say nothing and are skipped.
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
                where device_statuses.received_at <= excluded.received_at
                """,
                latestPerDevice(statuses).stream()
                        .map(reported -> new Object[] {
                            reported.deviceId(),
                            reported.status().state().name(),
                            reported.status().fw(),
                            reported.status().ts().atOffset(ZoneOffset.UTC),
                            reported.receivedAt().atOffset(ZoneOffset.UTC)
                        })
                        .toList());
    }

    /**
     * Of each device's statuses, the one the upsert would keep last: the latest received, and of equal ones the last
     * in the batch. One row per device, because the driver sends the batch as multi-row statements, and one statement
     * may not update a row twice.
     */
    private static Collection<ReportedStatus> latestPerDevice(List<ReportedStatus> statuses) {
        Map<String, ReportedStatus> latest = new LinkedHashMap<>();
        for (ReportedStatus reported : statuses) {
            if (reported.status() != null) {
                latest.merge(
                        reported.deviceId(),
                        reported,
                        (kept, next) -> next.receivedAt().isBefore(kept.receivedAt()) ? kept : next);
            }
        }
        return latest.values();
    }
}
