package dev.massager.session.devices;

import dev.massager.api.problem.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/devices")
@Tag(name = "admin: devices", description = "Provisioning devices (role admin)")
class DeviceProvisioningController {

    private final Devices devices;

    DeviceProvisioningController(Devices devices) {
        this.devices = devices;
    }

    @PostMapping
    @Operation(
            summary = "Provision a device",
            description = "Stores the device id and a hash of its pairing code; 409 when the id exists.")
    ResponseEntity<Devices.Provisioned> provision(@Valid @RequestBody DeviceRequest request) {
        var device = devices.provision(request.deviceId(), request.pairingCode());
        return ResponseEntity.created(URI.create("/api/v1/admin/devices/" + device.deviceId()))
                .body(device);
    }

    @GetMapping("/{deviceId}")
    @Operation(summary = "A provisioned device")
    Devices.Provisioned device(@PathVariable String deviceId) {
        return devices.provisioned(deviceId).orElseThrow(() -> new NotFound("no device " + deviceId));
    }
}
