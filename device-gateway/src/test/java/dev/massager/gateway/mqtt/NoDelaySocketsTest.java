package dev.massager.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void shouldSendAtOnceOnAPlainConnection() throws Exception {
        var factory = NoDelaySockets.forServer(URI.create("tcp://mqtt:1883"));

        assertThat(factory).isNotInstanceOf(SSLSocketFactory.class);
        try (Socket socket = factory.createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void shouldSendAtOnceOnATlsConnection() throws Exception {
        var factory = NoDelaySockets.forServer(URI.create("ssl://mqtt:8883"));

        assertThat(factory).isInstanceOf(SSLSocketFactory.class);
        try (Socket socket = factory.createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}
