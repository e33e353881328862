package dev.massager.analytics.devices;

import dev.massager.analytics.devices.DeviceRecords.ReportedEvent;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the faults devices report, once each by (device, seq), with the firmware the device last reported when the
 * fault arrived; other device events are not this service's concern.
 */
@Component
public class DeviceFaults {

    private final JdbcTemplate jdbc;

    DeviceFaults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void record(List<ReportedEvent> events) {
        jdbc.batchUpdate(
                """
                insert into device_faults (device_id, seq, code, ts, firmware)
                values (?, ?, ?, ?, (select firmware from device_statuses where device_id = ?))
                on conflict (device_id, seq) do nothing
                """,
                events.stream()
                        .filter(reported -> reported.event() instanceof Fault)
                        .map(reported -> {
                            Fault fault = (Fault) reported.event();
                            return new Object[] {
                                reported.deviceId(),
                                fault.seq(),
                                fault.code().name(),
                                Timestamp.from(fault.ts()),
                                reported.deviceId()
                            };
                        })
                        .toList());
    }

    /**
     * Faults counted by firmware and code, most frequent first; {@code firmware} is {@code null} for faults of
     * devices whose firmware was not known yet.
     */
    @Transactional(readOnly = true)
    public List<FaultCount> countsByFirmware() {
        return jdbc.query(
                """
                select firmware, code, count(*) as faults, count(distinct device_id) as devices
                from device_faults group by firmware, code order by faults desc, firmware, code
                """,
                (row, rowNumber) -> new FaultCount(
                        row.getString("firmware"),
                        FaultCode.valueOf(row.getString("code")),
                        row.getLong("faults"),
                        row.getLong("devices")));
    }

    /**
     * @param firmware the firmware, or {@code null} when unknown
     * @param code the fault
     * @param faults how many were reported
     * @param devices by how many devices
     */
    public record FaultCount(String firmware, FaultCode code, long faults, long devices) {}
}
