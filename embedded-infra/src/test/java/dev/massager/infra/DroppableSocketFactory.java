package dev.massager.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hands Paho a device's TLS sockets and can close them under its feet: the connection ends without an MQTT DISCONNECT,
 * as when a device loses power or Wi-Fi. An {@link SSLSocketFactory} itself, since Paho takes no other for
 * {@code ssl://}.
 */
final class DroppableSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    DroppableSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** Closes every socket made so far. */
    void dropConnections() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
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
        return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return remember(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket remember(Socket socket) {
        sockets.add(socket);
        return socket;
    }
}
