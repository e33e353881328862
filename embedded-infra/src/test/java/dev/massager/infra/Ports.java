package dev.massager.infra;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Test helpers about loopback ports. */
public final class Ports {

    private Ports() {}

    /** A port nobody listens on right now. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Asserts that nothing accepts connections on the port any more. */
    public static void assertClosed(int port) {
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                // connected: the assertion fails
            }
        });
    }
}
