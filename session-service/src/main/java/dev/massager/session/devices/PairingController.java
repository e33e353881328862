package dev.massager.session.devices;

import dev.massager.api.problem.NotFound;
import dev.massager.session.users.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/devices")
@Tag(name = "devices", description = "Pairing the caller's devices")
class PairingController {

    private final Devices devices;

    PairingController(Devices devices) {
        this.devices = devices;
    }

    @PostMapping
    @Operation(
            summary = "Pair a device",
            description = "201 when paired now, 200 when it already was paired to me; 400 naming pairingCode when the"
                    + " device id or the code is wrong (never saying which); 409 when it is paired to someone else.")
    ResponseEntity<Devices.PairedDevice> pair(@CurrentUser String userId, @Valid @RequestBody DeviceRequest request) {
        var pairing = devices.pair(userId, request.deviceId(), request.pairingCode());
        if (!pairing.created()) {
            return ResponseEntity.ok(pairing.device());
        }
        return ResponseEntity.created(URI.create("/api/v1/me/devices/" + request.deviceId()))
                .body(pairing.device());
    }

    @GetMapping
    @Operation(summary = "My paired devices", description = "With the latest status each device reported, if any.")
    List<Devices.PairedDevice> devices(@CurrentUser String userId) {
        return devices.paired(userId);
    }

    @GetMapping("/{deviceId}")
    @Operation(summary = "One of my paired devices")
    Devices.PairedDevice device(@CurrentUser String userId, @PathVariable String deviceId) {
        return devices.paired(userId, deviceId)
                .orElseThrow(() -> new NotFound("no device " + deviceId + " is paired to you"));
    }

    @DeleteMapping("/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Unpair a device",
            description = "Sessions it ran while paired to me stay mine; 404 when it is not paired to me.")
    void unpair(@CurrentUser String userId, @PathVariable String deviceId) {
        devices.unpair(userId, deviceId);
    }
}
