package dev.massager.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.time.Clock;

/**
 * The extension's authenticator: sends a CONNECT to the device or the backend check by the name of the listener it
 * arrived on ({@link BrokerListeners}), and refuses clients of any other listener. It keeps no state per client, so one
 * instance serves every connection.
 */
final class ListenerAuthenticator implements SimpleAuthenticator {

    private final DeviceAuthenticator devices;

    private final BackendAuthenticator backend;

    ListenerAuthenticator(DeviceAuthenticator devices, BackendAuthenticator backend) {
        this.devices = devices;
        this.backend = backend;
    }

    static ListenerAuthenticator of(BrokerAuthConfig config, Clock clock) {
        return new ListenerAuthenticator(
                new DeviceAuthenticator(new DeviceCertificates(config.deviceCas()), clock),
                new BackendAuthenticator(config.backendUsername(), config.backendPassword()));
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String listener = input.getConnectionInformation()
                .getListener()
                .map(Listener::getName)
                .orElse("");
        switch (listener) {
            case BrokerListeners.DEVICES -> devices.authenticate(input, output);
            case BrokerListeners.BACKEND -> backend.authenticate(input, output);
            default -> output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "This listener accepts no clients");
        }
    }
}
