package dev.massager.infra.mqtt;

import java.util.List;

/**
 * The HiveMQ {@code config.xml} this project runs with, embedded or in a container: the listeners, a packet size cap of
 * {@value #MAX_PACKET_SIZE} bytes (the device contract's payload cap and headroom), in-memory persistence and no anonymous usage
 * statistics.
 *
 * @param listeners the listeners, at least one
 * @param maxPacketSize the largest MQTT packet the broker accepts, in bytes
 */
public record HiveMqConfig(List<Listener> listeners, int maxPacketSize) {

    /**
     * 132 KiB: the gateway's 128 KiB payload cap plus room for the fixed header, topic and properties, so that a
     * payload just over the cap still reaches the gateway and is dead-lettered with a reason instead of being refused
     * by the broker.
     */
    public static final int MAX_PACKET_SIZE = 132 * 1024;

    /**
     * Checks and copies the arguments.
     *
     * @param listeners the listeners, at least one
     * @param maxPacketSize the largest MQTT packet the broker accepts, in bytes
     */
    public HiveMqConfig {
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("HiveMQ needs at least one listener");
        }
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("Not a packet size: " + maxPacketSize);
        }
    }

    /**
     * One plain TCP listener and the default packet size cap.
     *
     * @param bindAddress the address to listen on
     * @param port the port to listen on
     * @return the configuration
     */
    public static HiveMqConfig plain(String bindAddress, int port) {
        return new HiveMqConfig(List.of(new TcpListener(bindAddress, port)), MAX_PACKET_SIZE);
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
                .append("        <packets>\n")
                .append("            <max-packet-size>")
                .append(maxPacketSize)
                .append("</max-packet-size>\n")
                .append("        </packets>\n")
                .append("    </mqtt>\n")
                .append("    <persistence>\n")
                .append("        <mode>in-memory</mode>\n")
                .append("    </persistence>\n")
                .append("    <anonymous-usage-statistics>\n")
                .append("        <enabled>false</enabled>\n")
                .append("    </anonymous-usage-statistics>\n")
                .append("</hivemq>\n");
        return xml.toString();
    }

    /**
     * A listener of the broker.
     *
     * <p>Device identity will add a {@code <tls-tcp-listener>} here (PKCS12 keystore and truststore,
     * {@code client-authentication-mode} REQUIRED) as a second implementation beside {@link TcpListener}, which stays
     * for the backend's own clients.
     */
    public sealed interface Listener permits TcpListener {

        /**
         * The listener's element of {@code config.xml}.
         *
         * @return an XML fragment
         */
        String toXml();
    }

    /**
     * A plain (unencrypted, unauthenticated) MQTT listener.
     *
     * @param bindAddress the address to listen on
     * @param port the port to listen on
     */
    public record TcpListener(String bindAddress, int port) implements Listener {

        /**
         * Checks the arguments.
         *
         * @param bindAddress the address to listen on
         * @param port the port to listen on
         */
        public TcpListener {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
        }

        @Override
        public String toXml() {
            return "        <tcp-listener>\n"
                    + "            <port>" + port + "</port>\n"
                    + "            <bind-address>" + escape(bindAddress) + "</bind-address>\n"
                    + "        </tcp-listener>\n";
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
