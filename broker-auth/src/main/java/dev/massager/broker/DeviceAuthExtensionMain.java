package dev.massager.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the extension: registers the authenticator that checks every client (see {@link BrokerListeners} for how
 * devices and backend clients are told apart).
 *
 * <p>Installed in a broker's {@code extensions} folder, HiveMQ creates it with the no-argument constructor, which reads
 * {@link BrokerAuthConfig#fromEnvironment()}. If that configuration is missing or wrong, the extension does not start,
 * and HiveMQ, with no authenticator at all, lets no client in. An embedded broker passes the configuration directly:
 *
 * <pre>{@code
 * EmbeddedHiveMQ.builder().withEmbeddedExtension(EmbeddedExtension.builder()
 *         .withId(DeviceAuthExtensionMain.ID).withName(DeviceAuthExtensionMain.NAME).withVersion("1")
 *         .withPriority(DeviceAuthExtensionMain.PRIORITY).withStartPriority(DeviceAuthExtensionMain.PRIORITY)
 *         .withExtensionMain(new DeviceAuthExtensionMain(config))
 *         .build())
 * }</pre>
 */
public final class DeviceAuthExtensionMain implements ExtensionMain {

    /** The extension's id, and the name of its folder in the broker's {@code extensions} folder. */
    public static final String ID = "massager-device-auth";

    /** The extension's name. */
    public static final String NAME = "Massager device authentication";

    /** The extension's priority and start priority. */
    public static final int PRIORITY = 1000;

    /** The descriptor HiveMQ reads from the extension's folder; a copy is in this jar, next to this class. */
    public static final String DESCRIPTOR = "hivemq-extension.xml";

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthExtensionMain.class);

    private final Supplier<BrokerAuthConfig> config;

    /** The extension as HiveMQ loads it from its {@code extensions} folder: configured from the environment. */
    public DeviceAuthExtensionMain() {
        this(BrokerAuthConfig::fromEnvironment);
    }

    /**
     * The extension with a configuration of its own, for an embedded broker.
     *
     * @param config what clients are checked against
     */
    public DeviceAuthExtensionMain(BrokerAuthConfig config) {
        this(() -> config);
    }

    private DeviceAuthExtensionMain(Supplier<BrokerAuthConfig> config) {
        this.config = config;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        BrokerAuthConfig configuration;
        try {
            configuration = config.get();
        } catch (IllegalArgumentException e) {
            output.preventExtensionStartup(e.getMessage());
            return;
        }
        SimpleAuthenticator authenticator = ListenerAuthenticator.of(configuration, Clock.systemUTC());
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        log.info(
                "{} started: devices with a certificate of {} on listener '{}', backend user '{}' on listener '{}'",
                NAME,
                configuration.deviceCas().stream()
                        .map(ca -> ca.getSubjectX500Principal().getName())
                        .toList(),
                BrokerListeners.DEVICES,
                configuration.backendUsername(),
                BrokerListeners.BACKEND);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // HiveMQ removes the authenticator provider of a stopped extension itself.
    }
}
