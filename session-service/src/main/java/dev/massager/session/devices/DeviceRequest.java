package dev.massager.session.devices;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A device id with its pairing code, both for provisioning and for pairing.
 *
 * @param deviceId 4 to 64 letters, digits and dashes, starting with a letter or digit
 * @param pairingCode the code printed on the device: 6 to 64 printable ASCII characters
 */
record DeviceRequest(
        @NotNull @Pattern(regexp = DEVICE_ID, message = "must be 4 to 64 letters, digits and dashes")
        String deviceId,

        @NotNull @Pattern(regexp = PAIRING_CODE, message = "must be 6 to 64 printable characters")
        String pairingCode) {

    /** Mirrors {@link dev.massager.common.device.DeviceLimits#DEVICE_ID}, which an annotation cannot reference. */
    static final String DEVICE_ID = "^[A-Za-z0-9][A-Za-z0-9-]{3,63}$";

    static final String PAIRING_CODE = "^[\\x20-\\x7E]{6,64}$";
}
