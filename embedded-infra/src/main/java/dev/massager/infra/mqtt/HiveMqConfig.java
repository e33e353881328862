package dev.massager.infra.mqtt;

import dev.massager.broker.BrokerListeners;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The HiveMQ {@code config.xml} this project runs with, embedded or in a container: the listeners, a packet size cap of
 * {@value #MAX_PACKET_SIZE} bytes (the device contract's payload cap and headroom), the persistence mode (in memory
 * unless chosen otherwise) and no anonymous usage statistics.
 *
 * @param listeners the listeners, at least one, each with a name and port of its own
 * @param maxPacketSize the largest MQTT packet the broker accepts, in bytes
 * @param persistence where the broker keeps sessions and queued messages
 */
public record HiveMqConfig(List<Listener> listeners, int maxPacketSize, Persistence persistence) {

    /**
     * 136 KiB: the gateway's 132 KiB payload cap plus room for the fixed header, topic and properties, so that a
     * payload just over the cap still reaches the gateway and is dead-lettered with a reason instead of being refused
     * by the broker.
     */
    public static final int MAX_PACKET_SIZE = 136 * 1024;

    /**
     * Messages the broker queues for one client, and for one shared subscription: everything devices publish while
     * the gateway is down or behind waits there. HiveMQ's default of 1000 silently discards the rest, which would lose
     * telemetry in the very situations the queue exists for.
     */
    public static final long MAX_QUEUE_SIZE = 5_000_000;

    /** The TLS versions the device listener speaks. */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Where HiveMQ keeps client sessions and queued messages. In memory is quick to start and leaves nothing behind,
     * which suits tests and the local stack. On file is HiveMQ's default and production's (the Compose file's broker
     * sets no mode). The two differ under load: in memory, HiveMQ CE 2025.5 removes each acknowledged message of a
     * shared subscription by walking the subscription's whole queue, so a subscriber that falls behind gets slower the
     * more is queued (100,000 queued messages drained at about 100 a second, against some 6,500 on file).
     */
    public enum Persistence {
        IN_MEMORY("in-memory"),
        FILE("file");

        private final String mode;

        Persistence(String mode) {
            this.mode = mode;
        }

        /** The value of HiveMQ's {@code <persistence><mode>}. */
        public String mode() {
            return mode;
        }
    }

    /** A configuration with in-memory persistence. */
    public HiveMqConfig(List<Listener> listeners, int maxPacketSize) {
        this(listeners, maxPacketSize, Persistence.IN_MEMORY);
    }

    /**
     * Checks and copies the arguments.
     *
     * @param listeners the listeners, at least one, each with a name and port of its own
     * @param maxPacketSize the largest MQTT packet the broker accepts, in bytes
     * @param persistence where the broker keeps sessions and queued messages
     */
    public HiveMqConfig {
        Objects.requireNonNull(persistence, "persistence");
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("HiveMQ needs at least one listener");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (Listener listener : listeners) {
            if (!names.add(listener.name()) || !ports.add(listener.port())) {
                throw new IllegalArgumentException("Two listeners share a name or a port: " + listeners);
            }
        }
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("Not a packet size: " + maxPacketSize);
        }
    }

    /**
     * The project's broker: the device listener (TLS, client certificate required) and the backend listener (plain
     * TCP, username and password), named as the {@code broker-auth} extension expects ({@link BrokerListeners}).
     *
     * @param bindAddress the address both listeners listen on
     * @param devicePort the port of the device listener
     * @param tls the device listener's key store and trust store
     * @param backendPort the port of the backend listener
     * @return the configuration, with the default packet size cap and in-memory persistence
     */
    public static HiveMqConfig devicesAndBackend(String bindAddress, int devicePort, TlsStores tls, int backendPort) {
        return new HiveMqConfig(
                List.of(
                        new TlsTcpListener(BrokerListeners.DEVICES, bindAddress, devicePort, tls),
                        new TcpListener(BrokerListeners.BACKEND, bindAddress, backendPort)),
                MAX_PACKET_SIZE);
    }

    /** This configuration with {@code persistence} instead. */
    public HiveMqConfig withPersistence(Persistence persistence) {
        return new HiveMqConfig(listeners, maxPacketSize, persistence);
    }

    /**
     * Renders the configuration file.
     *
     * @return the content of {@code config.xml}
     */
    public String toXml() {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\"?>\n<hivemq>\n    <listeners>\n");
        listeners.forEach(listener -> xml.append(listener.toXml()));
        xml.append("    </listeners>\n")
                .append("    <mqtt>\n")
                .append("        <queued-messages>\n")
                .append("            <max-queue-size>")
                .append(MAX_QUEUE_SIZE)
                .append("</max-queue-size>\n")
                .append("        </queued-messages>\n")
                .append("        <packets>\n")
                .append("            <max-packet-size>")
                .append(maxPacketSize)
                .append("</max-packet-size>\n")
                .append("        </packets>\n")
                .append("    </mqtt>\n")
                .append("    <persistence>\n")
                .append("        <mode>")
                .append(persistence.mode())
                .append("</mode>\n")
                .append("    </persistence>\n")
                .append("    <anonymous-usage-statistics>\n")
                .append("        <enabled>false</enabled>\n")
                .append("    </anonymous-usage-statistics>\n")
                .append("</hivemq>\n");
        return xml.toString();
    }

    /** A listener of the broker. Its name tells the {@code broker-auth} extension who may connect on it. */
    public sealed interface Listener permits TcpListener, TlsTcpListener {

        /**
         * The listener's name, one of {@link BrokerListeners}.
         *
         * @return the name
         */
        String name();

        /**
         * The port it listens on.
         *
         * @return the port
         */
        int port();

        /**
         * The listener's element of {@code config.xml}.
         *
         * @return an XML fragment
         */
        String toXml();
    }

    /**
     * A plain (unencrypted) MQTT listener, for backend clients on the internal network.
     *
     * @param name the listener's name
     * @param bindAddress the address to listen on
     * @param port the port to listen on
     */
    public record TcpListener(String name, String bindAddress, int port) implements Listener {

        /**
         * Checks the arguments.
         *
         * @param name the listener's name
         * @param bindAddress the address to listen on
         * @param port the port to listen on
         */
        public TcpListener {
            checkPort(port);
            checkValue(name);
            checkValue(bindAddress);
        }

        @Override
        public String toXml() {
            return "        <tcp-listener>\n"
                    + "            <port>" + port + "</port>\n"
                    + "            <bind-address>" + escape(bindAddress) + "</bind-address>\n"
                    + "            <name>" + escape(name) + "</name>\n"
                    + "        </tcp-listener>\n";
        }
    }

    /**
     * A TLS listener that requires a client certificate the trust store vouches for, speaking {@link #TLS_PROTOCOLS}.
     *
     * @param name the listener's name
     * @param bindAddress the address to listen on
     * @param port the port to listen on
     * @param stores its key store and trust store
     */
    public record TlsTcpListener(String name, String bindAddress, int port, TlsStores stores) implements Listener {

        /**
         * Checks the arguments.
         *
         * @param name the listener's name
         * @param bindAddress the address to listen on
         * @param port the port to listen on
         * @param stores its key store and trust store
         */
        public TlsTcpListener {
            checkPort(port);
            checkValue(name);
            checkValue(bindAddress);
            if (stores == null) {
                throw new IllegalArgumentException("A TLS listener needs a key store and a trust store");
            }
        }

        @Override
        public String toXml() {
            StringBuilder xml = new StringBuilder()
                    .append("        <tls-tcp-listener>\n")
                    .append("            <port>")
                    .append(port)
                    .append("</port>\n")
                    .append("            <bind-address>")
                    .append(escape(bindAddress))
                    .append("</bind-address>\n")
                    .append("            <name>")
                    .append(escape(name))
                    .append("</name>\n")
                    .append("            <tls>\n")
                    .append("                <keystore>\n")
                    .append("                    <path>")
                    .append(escape(stores.keystorePath()))
                    .append("</path>\n")
                    .append("                    <password>")
                    .append(escape(stores.keystorePassword()))
                    .append("</password>\n")
                    .append("                    <private-key-password>")
                    .append(escape(stores.keystorePassword()))
                    .append("</private-key-password>\n")
                    .append("                </keystore>\n")
                    .append("                <truststore>\n")
                    .append("                    <path>")
                    .append(escape(stores.truststorePath()))
                    .append("</path>\n")
                    .append("                    <password>")
                    .append(escape(stores.truststorePassword()))
                    .append("</password>\n")
                    .append("                </truststore>\n")
                    .append("                <protocols>\n");
            TLS_PROTOCOLS.forEach(protocol -> xml.append("                    <protocol>")
                    .append(protocol)
                    .append("</protocol>\n"));
            return xml.append("                </protocols>\n")
                    .append("                <client-authentication-mode>REQUIRED</client-authentication-mode>\n")
                    .append("            </tls>\n")
                    .append("        </tls-tcp-listener>\n")
                    .toString();
        }
    }

    /**
     * The PKCS12 files of a TLS listener, as paths where the broker runs (a container's paths are not the host's).
     *
     * @param keystorePath the broker's key and certificate chain; the key has the store's password
     * @param keystorePassword the key store's password
     * @param truststorePath the CA certificates client certificates must chain to
     * @param truststorePassword the trust store's password
     */
    public record TlsStores(
            String keystorePath, String keystorePassword, String truststorePath, String truststorePassword) {

        /**
         * Checks the arguments.
         *
         * @param keystorePath the broker's key and certificate chain
         * @param keystorePassword the key store's password
         * @param truststorePath the CA certificates client certificates must chain to
         * @param truststorePassword the trust store's password
         */
        public TlsStores {
            checkValue(keystorePath);
            checkValue(keystorePassword);
            checkValue(truststorePath);
            checkValue(truststorePassword);
        }

        /** Leaves the passwords out. */
        @Override
        public String toString() {
            return "TlsStores[" + keystorePath + ", " + truststorePath + "]";
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Not a port: " + port);
        }
    }

    private static void checkValue(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A listener setting is missing");
        }
        // HiveMQ replaces ${NAME} in config.xml with an environment variable, and fails to start if there is none.
        if (value.contains("${")) {
            throw new IllegalArgumentException("HiveMQ would read '${' in config.xml as an environment variable");
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
