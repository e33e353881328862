package dev.massager.infra.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hands Paho a device's TLS sockets and can drop them under its feet, as when a device loses power or Wi-Fi: each
 * socket is reset at once, without an MQTT DISCONNECT, so the broker sees the connection lost and publishes the Last
 * Will. Paho's own forced disconnect leaves the socket for the broker's keep-alive to notice, tens of seconds later. An
 * {@link SSLSocketFactory} itself, since Paho takes no other for {@code ssl://}. Its sockets send at once
 * ({@code TCP_NODELAY}), as a device's MQTT client should.
 */
public final class DroppableSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public DroppableSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Resets every socket made so far: no close handshake, so the broker sees the connection lost. */
    public void dropConnections() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // Already closed: nothing left to reset.
            }
        }
    }

    private <S extends Socket> S tracked(S socket) throws IOException {
        // Paho never switches Nagle's algorithm off: a small packet then waits for the acknowledgement of the one
        // before,
        // which the peer's delayed ACK holds back for up to 40 ms.
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return tracked(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        tracked(socket);
        return tracked(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return tracked(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return tracked(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return tracked(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return tracked(delegate.createSocket(address, port, localAddress, localPort));
    }
}
