package dev.massager.gateway.support;

import static org.awaitility.Awaitility.await;

import dev.massager.gateway.GatewayApplication;
import dev.massager.infra.MqttConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway application in a process of its own: started as in production, and killable like a crash. */
public final class GatewayProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final ChildJvm jvm;
    private final int managementPort;

    private GatewayProcess(ChildJvm jvm, int managementPort) {
        this.jvm = jvm;
        this.managementPort = managementPort;
    }

    /**
     * Starts a gateway and waits until it is ready: connected to the broker, subscribed, and Kafka reachable.
     *
     * @param instanceId the same id on a restart, so that the instance resumes its broker sessions
     */
    public static GatewayProcess start(String name, MqttConnection mqtt, String kafka, String instanceId)
            throws IOException {
        return start(name, mqtt, kafka, instanceId, List.of());
    }

    /** As {@link #start(String, MqttConnection, String, String)}, with more {@code --property=value} arguments. */
    public static GatewayProcess start(
            String name, MqttConnection mqtt, String kafka, String instanceId, List<String> moreArguments)
            throws IOException {
        int managementPort = freePort();
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--massager.mqtt.server-uri=" + mqtt.serverUri(),
                "--massager.mqtt.username=" + mqtt.backendUsername(),
                "--massager.mqtt.password=" + mqtt.backendPassword(),
                "--massager.gateway.instance-id=" + instanceId,
                "--massager.gateway.stall-timeout=2s",
                "--massager.kafka.partitions=3",
                "--server.port=0",
                "--management.server.port=" + managementPort));
        arguments.addAll(moreArguments);
        ChildJvm jvm = ChildJvm.start(name, GatewayApplication.class, arguments);
        GatewayProcess gateway = new GatewayProcess(jvm, managementPort);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .failFast("the gateway process exited", () -> !jvm.isAlive())
                .until(gateway::isReady);
        return gateway;
    }

    /** Whether readiness says UP. */
    public boolean isReady() {
        return readiness() == 200;
    }

    /** The readiness probe's status code, or -1 when it does not answer. */
    public int readiness() {
        try {
            var request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The value of a Prometheus sample of this gateway, e.g. {@code gateway_produce_failures_total}; 0 if absent. */
    public double metric(String sample) {
        try {
            var request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString())
                    .body()
                    .lines()
                    .filter(line -> line.startsWith(sample + "{") || line.startsWith(sample + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Kills the gateway with SIGKILL: nothing it held unacknowledged is acknowledged any more. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
