package dev.massager.common.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.massager.common.PayloadException;
import dev.massager.common.RejectReason;
import dev.massager.common.Require;
import dev.massager.common.device.DeviceLimits;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A massage session as session-service knows it, keyed by user id on {@code massager.sessions.v1}. When
 * late data amends a session it is sent again with a higher {@code revision}: a consumer keeps the highest
 * revision per {@code sessionId}, which also makes redelivery harmless.
 *
 * @param sessionId stable id of the session, assigned by session-service
 * @param revision starts at 1 and grows with each amendment
 * @param userId the owner (the JWT subject)
 * @param deviceId the device that ran it
 * @param deviceSessionId the device's own session id
 * @param status open, ended, or closed as incomplete
 * @param startedAt device time of the start (event time)
 * @param endedAt device time of the end, or of the last data when incomplete; {@code null} while open
 * @param endReason why it ended; present exactly when the status is {@code ENDED}
 * @param durationSeconds running time so far
 * @param secondsByMode seconds spent in each mode used; modes never used are absent
 * @param intensities pressure levels used, ascending
 * @param heats heat settings used
 * @param pressure per-chamber mean and max pressure
 * @param sampleCount telemetry samples received
 * @param gapCount gaps session-service found in the telemetry (missing seconds while the session ran)
 * @param gapSeconds total length of those gaps
 * @param firmware firmware from {@code SESSION_STARTED}, or {@code null} when that event is missing
 * @param clockSkew whether the device clock was off by more than the gateway's bound
 * @param timeZone the user's IANA time zone when the session started, which decides its night
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionSummary(
        UUID sessionId,
        @JsonProperty(required = true) long revision,
        String userId,
        String deviceId,
        String deviceSessionId,
        SessionStatus status,
        Instant startedAt,
        Instant endedAt,
        EndReason endReason,
        @JsonProperty(required = true) long durationSeconds,
        Map<Mode, Long> secondsByMode,
        Set<Integer> intensities,
        Set<Heat> heats,
        PressureStats pressure,
        @JsonProperty(required = true) long sampleCount,
        @JsonProperty(required = true) int gapCount,
        @JsonProperty(required = true) long gapSeconds,
        String firmware,
        @JsonProperty(required = true) boolean clockSkew,
        ZoneId timeZone) {

    public SessionSummary {
        Require.present(sessionId, "sessionId");
        Require.between(revision, 1, Long.MAX_VALUE, "revision");
        Require.userId(userId, "userId");
        DeviceLimits.deviceId(deviceId, "deviceId");
        Require.text(deviceSessionId, "deviceSessionId", DeviceLimits.MAX_SESSION_ID_LENGTH, null);
        Require.present(status, "status");
        Require.present(startedAt, "startedAt");
        presentExactlyWhen(endedAt, status != SessionStatus.OPEN, "endedAt", "unless status is OPEN");
        presentExactlyWhen(endReason, status == SessionStatus.ENDED, "endReason", "when status is ENDED");
        Require.between(durationSeconds, 0, Long.MAX_VALUE, "durationSeconds");
        secondsByMode = Require.enumMap(secondsByMode, Mode.class, "secondsByMode");
        secondsByMode.forEach(
                (mode, seconds) -> Require.between(seconds, 0, Long.MAX_VALUE, "secondsByMode/" + mode.name()));
        intensities = Require.sortedSet(intensities, "intensities");
        intensities.forEach(
                level -> Require.between(level, DeviceLimits.MIN_INTENSITY, DeviceLimits.MAX_INTENSITY, "intensities"));
        heats = Require.enumSet(heats, Heat.class, "heats");
        Require.present(pressure, "pressure");
        Require.between(sampleCount, 0, Long.MAX_VALUE, "sampleCount");
        Require.between(gapCount, 0, Integer.MAX_VALUE, "gapCount");
        Require.between(gapSeconds, 0, Long.MAX_VALUE, "gapSeconds");
        if (firmware != null) {
            Require.text(firmware, "firmware", DeviceLimits.MAX_FIRMWARE_LENGTH, null);
        }
        Require.present(timeZone, "timeZone");
    }

    /** Seconds spent in {@code mode}, zero if it was not used. */
    public long secondsIn(Mode mode) {
        return secondsByMode.getOrDefault(mode, 0L);
    }

    private static void presentExactlyWhen(Object value, boolean expected, String name, String when) {
        if (expected && value == null) {
            throw new PayloadException(RejectReason.MISSING_FIELD, "/" + name, name + " is required " + when);
        }
        if (!expected && value != null) {
            throw new PayloadException(RejectReason.OUT_OF_RANGE, "/" + name, name + " is only allowed " + when);
        }
    }
}
