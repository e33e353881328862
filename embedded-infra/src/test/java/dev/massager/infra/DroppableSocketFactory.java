package dev.massager.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * Hands Paho plain sockets and can close them under its feet: the connection ends without an MQTT DISCONNECT, as when
 * a device loses power or Wi-Fi.
 */
final class DroppableSocketFactory extends SocketFactory {

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** Closes every socket made so far. */
    void dropConnections() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Override
    public Socket createSocket() {
        return remember(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(new Socket(address, port, localAddress, localPort));
    }

    private Socket remember(Socket socket) {
        sockets.add(socket);
        return socket;
    }
}
