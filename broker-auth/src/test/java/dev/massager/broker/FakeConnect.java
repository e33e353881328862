package dev.massager.broker;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CONNECT as HiveMQ hands it to an authenticator, and a record of the decision: enough of the SDK's interfaces for
 * the routing and the refusals. What an accepted device may do needs HiveMQ's own builders, so the integration tests
 * of embedded-infra check that.
 */
final class FakeConnect {

    private String listener;

    private String clientId = "client";

    private X509Certificate certificate;

    private boolean tls;

    private String username;

    private String password;

    private FakeConnect() {}

    static FakeConnect on(String listener) {
        FakeConnect connect = new FakeConnect();
        connect.listener = listener;
        return connect;
    }

    FakeConnect clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    FakeConnect certificate(X509Certificate certificate) {
        this.tls = true;
        this.certificate = certificate;
        return this;
    }

    FakeConnect login(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    SimpleAuthInput input() {
        ConnectPacket packet = fake(
                ConnectPacket.class,
                Map.of(
                        "getClientId", clientId,
                        "getUserName", Optional.ofNullable(username),
                        "getPassword",
                                Optional.ofNullable(password)
                                        .map(value -> ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)))));
        Optional<ClientTlsInformation> tlsInformation = tls
                ? Optional.of(fake(
                        ClientTlsInformation.class, Map.of("getClientCertificate", Optional.ofNullable(certificate))))
                : Optional.empty();
        Optional<Listener> namedListener =
                Optional.ofNullable(listener).map(name -> fake(Listener.class, Map.of("getName", name)));
        ConnectionInformation connection = fake(
                ConnectionInformation.class,
                Map.of(
                        "getListener", namedListener,
                        "getClientTlsInformation", tlsInformation,
                        "getInetAddress", Optional.empty()));
        return fake(SimpleAuthInput.class, Map.of("getConnectPacket", packet, "getConnectionInformation", connection));
    }

    /** What the authenticator decided. */
    static final class Decision {

        final Permissions permissions = new Permissions();

        Boolean accepted;

        ConnackReasonCode code;

        String reason;

        SimpleAuthOutput output() {
            return (SimpleAuthOutput) Proxy.newProxyInstance(
                    SimpleAuthOutput.class.getClassLoader(),
                    new Class<?>[] {SimpleAuthOutput.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "authenticateSuccessfully" -> decide(true, null, null);
                            case "failAuthentication" ->
                                decide(
                                        false,
                                        args != null && args.length > 0 ? (ConnackReasonCode) args[0] : null,
                                        args != null && args.length > 1 ? (String) args[1] : null);
                            case "getDefaultPermissions" -> {
                                return permissions;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }

        private void decide(boolean accept, ConnackReasonCode code, String reason) {
            if (accepted != null) {
                throw new IllegalStateException("Decided twice");
            }
            this.accepted = accept;
            this.code = code;
            this.reason = reason;
        }
    }

    /** The default permissions, with HiveMQ's starting state: none, and ALLOW. */
    static final class Permissions implements ModifiableDefaultPermissions {

        private final List<TopicPermission> permissions = new ArrayList<>();

        private DefaultAuthorizationBehaviour behaviour = DefaultAuthorizationBehaviour.ALLOW;

        @Override
        public List<TopicPermission> asList() {
            return List.copyOf(permissions);
        }

        @Override
        public void add(TopicPermission permission) {
            permissions.add(permission);
        }

        @Override
        public void addAll(Collection<? extends TopicPermission> added) {
            permissions.addAll(added);
        }

        @Override
        public void remove(TopicPermission permission) {
            permissions.remove(permission);
        }

        @Override
        public void clear() {
            permissions.clear();
        }

        @Override
        public DefaultAuthorizationBehaviour getDefaultBehaviour() {
            return behaviour;
        }

        @Override
        public void setDefaultBehaviour(DefaultAuthorizationBehaviour behaviour) {
            this.behaviour = behaviour;
        }
    }

    private static <T> T fake(Class<T> type, Map<String, ?> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return "fake " + type.getSimpleName();
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
        }));
    }
}
