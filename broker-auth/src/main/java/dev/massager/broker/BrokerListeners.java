package dev.massager.broker;

/**
 * The names the broker's listeners carry in HiveMQ's {@code config.xml} ({@code <name>}). The extension tells devices
 * from backend clients by the listener they connected to, and refuses every client of a listener with another name.
 */
public final class BrokerListeners {

    /** The TLS listener for devices, which requires a client certificate. */
    public static final String DEVICES = "devices";

    /** The plain TCP listener for backend clients, reachable from the internal network only. */
    public static final String BACKEND = "backend";

    private BrokerListeners() {}
}
