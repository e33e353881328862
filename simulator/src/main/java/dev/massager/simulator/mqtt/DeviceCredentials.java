package dev.massager.simulator.mqtt;

import javax.net.ssl.SSLSocketFactory;

/** Where a device's TLS client certificate comes from. */
@FunctionalInterface
public interface DeviceCredentials {

    /**
     * A socket factory that presents the device's certificate and trusts the broker's.
     *
     * @param deviceId the device, which is also its certificate's common name
     * @return the factory for Paho's {@code setSocketFactory}
     */
    SSLSocketFactory socketFactory(String deviceId);
}
