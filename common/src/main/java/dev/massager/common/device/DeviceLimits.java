package dev.massager.common.device;

import dev.massager.common.Require;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The numbers of the device contract, shared by the records and mirrored in the JSON Schemas under
 * {@code /schemas/device/}. Change both together.
 */
public final class DeviceLimits {

    /** The only payload version ({@code "v"}) this code reads and writes. */
    public static final int VERSION = 1;

    public static final int MIN_INTENSITY = 1;
    public static final int MAX_INTENSITY = 3;
    public static final int MAX_PRESSURE_MMHG = 250;
    public static final int MAX_BATTERY_PERCENT = 100;
    public static final int MAX_BATCH_SAMPLES = 500;

    /** The session timer choices, in minutes. */
    public static final Set<Integer> TIMER_MINUTES = Set.of(10, 15, 20);

    /**
     * A device's own session id: letters, digits and {@code . _ : -}, so it is safe in logs, keys and URLs and needs
     * no JSON escaping, which keeps a full telemetry batch under the payload cap.
     */
    public static final int MAX_SESSION_ID_LENGTH = 64;

    /** A firmware version such as {@code 2.3.1} or {@code 2.4.0-rc.1+b7}: letters, digits and {@code . _ + -}. */
    public static final int MAX_FIRMWARE_LENGTH = 32;

    /** A device id, as it appears in {@code massagers/{deviceId}/...}: 4 to 64 letters, digits and dashes. */
    public static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{3,63}$");

    public static final int MAX_DEVICE_ID_LENGTH = 64;

    static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    static final Pattern FIRMWARE = Pattern.compile("[A-Za-z0-9._+-]+");

    private DeviceLimits() {}

    /** {@code deviceId} itself, or a {@link dev.massager.common.PayloadException} naming {@code name}. */
    public static String deviceId(String deviceId, String name) {
        return Require.text(deviceId, name, MAX_DEVICE_ID_LENGTH, DEVICE_ID);
    }

    static long seq(long seq) {
        return Require.between(seq, 0, Long.MAX_VALUE, "seq");
    }

    static int intensity(int intensity, String name) {
        return (int) Require.between(intensity, MIN_INTENSITY, MAX_INTENSITY, name);
    }

    static String sessionId(String session, String name) {
        return Require.text(session, name, MAX_SESSION_ID_LENGTH, SESSION_ID);
    }

    static String firmware(String fw, String name) {
        return Require.text(fw, name, MAX_FIRMWARE_LENGTH, FIRMWARE);
    }
}
