package dev.massager.session.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.massager.api.problem.BadRequest;
import dev.massager.api.problem.Conflict;
import dev.massager.api.problem.NotFound;
import dev.massager.session.users.TimeZones;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provisioning and pairing. A device has at most one current owner (a partial unique index); unpairing keeps the
 * row, because a session belongs to whoever the device was paired to when it started.
 */
@Service
public class Devices {

    static final String WRONG_CODE = "device id or pairing code is wrong";

    private final JdbcClient jdbc;
    private final PasswordEncoder codes;
    private final TimeZones timeZones;

    /** Compared against when the device is unknown, so that both failures take as long. */
    private final String unknownDeviceHash;

    Devices(JdbcClient jdbc, PasswordEncoder codes, TimeZones timeZones) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.timeZones = timeZones;
        this.unknownDeviceHash = codes.encode("no device has this code");
    }

    /** Stores a new device with the hash of its pairing code. */
    Provisioned provision(String deviceId, String pairingCode) {
        String hash = codes.encode(pairingCode);
        return jdbc.sql("""
                        insert into devices (device_id, pairing_code_hash) values (?, ?)
                        on conflict (device_id) do nothing
                        returning device_id, provisioned_at
                        """)
                .params(deviceId, hash)
                .query((row, n) -> new Provisioned(
                        row.getString("device_id"),
                        row.getTimestamp("provisioned_at").toInstant()))
                .optional()
                .orElseThrow(() -> new Conflict("device " + deviceId + " is already provisioned"));
    }

    Optional<Provisioned> provisioned(String deviceId) {
        return jdbc.sql("select device_id, provisioned_at from devices where device_id = ?")
                .param(deviceId)
                .query((row, n) -> new Provisioned(
                        row.getString("device_id"),
                        row.getTimestamp("provisioned_at").toInstant()))
                .optional();
    }

    /**
     * Pairs the device to the user when the code is right.
     *
     * @return the pairing, and whether it is new (false when the device was already paired to this user)
     */
    @Transactional
    Pairing pair(String userId, String deviceId, String pairingCode) {
        String hash = jdbc.sql("select pairing_code_hash from devices where device_id = ?")
                .param(deviceId)
                .query(String.class)
                .optional()
                .orElse(null);
        boolean matches = codes.matches(pairingCode, hash == null ? unknownDeviceHash : hash);
        if (hash == null || !matches) {
            throw new BadRequest("pairingCode", WRONG_CODE);
        }
        // A first time-zone choice of the user rewrites the zone of the sessions of their devices: it must see
        // this device, or come after it.
        timeZones.holdSteady(userId);
        // The partial unique index decides a race between two users: the loser inserts nothing.
        jdbc.sql("""
                        insert into device_pairings (device_id, user_id, paired_at) values (?, ?, now())
                        on conflict do nothing
                        """).params(deviceId, userId).update();
        return jdbc.sql("""
                        select user_id, paired_at = now() as created from device_pairings
                        where device_id = ? and unpaired_at is null
                        """)
                .param(deviceId)
                .query((row, n) -> {
                    if (!row.getString("user_id").equals(userId)) {
                        throw new Conflict("device " + deviceId + " is paired to another account");
                    }
                    return new Pairing(paired(userId, deviceId).orElseThrow(), row.getBoolean("created"));
                })
                .single();
    }

    /** The user's currently paired devices, oldest pairing first. */
    List<PairedDevice> paired(String userId) {
        return jdbc.sql(PAIRED + " order by p.paired_at, p.device_id")
                .param(userId)
                .query(Devices::pairedDevice)
                .list();
    }

    Optional<PairedDevice> paired(String userId, String deviceId) {
        return jdbc.sql(PAIRED + " and p.device_id = ?")
                .params(userId, deviceId)
                .query(Devices::pairedDevice)
                .optional();
    }

    /** Ends the user's current pairing of the device. */
    void unpair(String userId, String deviceId) {
        int ended = jdbc.sql("""
                        update device_pairings set unpaired_at = now()
                        where device_id = ? and user_id = ? and unpaired_at is null
                        """).params(deviceId, userId).update();
        if (ended == 0) {
            throw new NotFound("no device " + deviceId + " is paired to you");
        }
    }

    /** Every pairing the user ever had, oldest first: for the export. */
    public List<PastPairing> history(String userId) {
        return jdbc.sql("""
                        select device_id, paired_at, unpaired_at from device_pairings
                        where user_id = ? order by paired_at, device_id
                        """)
                .param(userId)
                .query((row, n) -> new PastPairing(
                        row.getString("device_id"),
                        row.getTimestamp("paired_at").toInstant(),
                        Optional.ofNullable(row.getTimestamp("unpaired_at"))
                                .map(java.sql.Timestamp::toInstant)
                                .orElse(null)))
                .list();
    }

    private static final String PAIRED = """
            select p.device_id, p.paired_at, s.state, s.firmware, s.reported_at
            from device_pairings p left join device_statuses s on s.device_id = p.device_id
            where p.user_id = ? and p.unpaired_at is null
            """;

    private static PairedDevice pairedDevice(ResultSet row, int n) throws SQLException {
        Status status = row.getString("state") == null
                ? null
                : new Status(
                        row.getString("state"),
                        row.getString("firmware"),
                        row.getTimestamp("reported_at").toInstant());
        return new PairedDevice(
                row.getString("device_id"), row.getTimestamp("paired_at").toInstant(), status);
    }

    /**
     * A provisioned device, as the administrator sees it.
     *
     * @param deviceId the device id
     * @param provisionedAt when it was provisioned
     */
    record Provisioned(String deviceId, Instant provisionedAt) {}

    /**
     * A device paired to the caller.
     *
     * @param deviceId the device id
     * @param pairedAt when the current pairing began
     * @param status the latest presence the device reported; absent when it never did
     */
    record PairedDevice(
            String deviceId,
            Instant pairedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Status status) {}

    /**
     * @param state {@code ONLINE} or {@code OFFLINE}
     * @param firmware the firmware it reported, if any
     * @param reportedAt when the device reported it
     */
    record Status(String state, String firmware, Instant reportedAt) {}

    record Pairing(PairedDevice device, boolean created) {}

    /**
     * A pairing, current or ended.
     *
     * @param deviceId the device id
     * @param pairedAt when it began
     * @param unpairedAt when it ended, or null while it lasts
     */
    public record PastPairing(String deviceId, Instant pairedAt, Instant unpairedAt) {}
}
