package dev.massager.simulator.run;

import dev.massager.simulator.mqtt.DeviceCredentials;

/**
 * Where the devices connect.
 *
 * @param serverUri the broker's device listener, e.g. {@code ssl://127.0.0.1:8883}
 * @param credentials the devices' certificates
 */
public record Connection(String serverUri, DeviceCredentials credentials) {}
