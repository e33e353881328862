package dev.massager.simulator.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;

/**
 * A socket factory that remembers its sockets, so that a device can drop its connection the way a massager that loses
 * power does: the socket reset at once, without an MQTT DISCONNECT. Paho's forced disconnect leaves the socket to be
 * noticed by the broker's keep-alive only.
 */
final class TrackedSockets extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TrackedSockets(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Resets every socket made: no close handshake, so the broker sees the connection lost. */
    void reset() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // Already closed: nothing left to reset.
            }
        }
    }

    private <S extends Socket> S tracked(S socket) {
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
