package dev.massager.broker;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.util.List;

/**
 * What an authenticated device may do: publish under {@code massagers/{its id}/}, and nothing else. It may subscribe to
 * nothing, and HiveMQ applies the same permissions to its Last Will, so a will elsewhere is refused at CONNECT.
 *
 * <ul>
 *   <li>The whole {@code massagers/{id}/#} subtree rather than only the contract's {@code telemetry}, {@code events}
 *       and {@code status}: the gateway dead-letters a message on an unknown sub-topic with a reason that tells the
 *       firmware developers what went wrong, where a refusal by the broker would only disconnect the device.
 *   <li>QoS 1 or 2 only: the contract publishes everything at QoS 1, and a QoS 0 message could be lost unnoticed.
 *   <li>Retained messages only on the status topic, where the contract retains ONLINE and, as Last Will, OFFLINE.
 * </ul>
 *
 * <p>A publish the permissions refuse gets PUBACK "not authorized" (0x87) and the device is disconnected (MQTT 5), or
 * the connection is closed (MQTT 3.1.1); nothing is delivered.
 */
final class DevicePermissions {

    /**
     * One publish permission.
     *
     * @param topicFilter the topics it covers
     * @param retainAllowed whether a retained message is allowed there; otherwise only messages that are not retained
     */
    record PublishRule(String topicFilter, boolean retainAllowed) {}

    private DevicePermissions() {}

    /**
     * The publish permissions of a device, in the order HiveMQ must check them: it applies the first that matches a
     * publish, and refuses what none matches.
     *
     * @param deviceId a device id, checked against {@link DeviceCertificates#DEVICE_ID}
     * @return the rules
     */
    static List<PublishRule> rules(String deviceId) {
        if (!DeviceCertificates.DEVICE_ID.matcher(deviceId).matches()) {
            // A wildcard or separator in the id would widen the filters.
            throw new IllegalArgumentException("Not a device id");
        }
        String prefix = "massagers/" + deviceId + "/";
        return List.of(new PublishRule(prefix + "status", true), new PublishRule(prefix + "#", false));
    }

    /**
     * Replaces a client's default permissions with those of a device.
     *
     * @param permissions the permissions HiveMQ gives the client's connection
     * @param deviceId the device id the client proved
     */
    static void grant(ModifiableDefaultPermissions permissions, String deviceId) {
        permissions.clear();
        for (PublishRule rule : rules(deviceId)) {
            permissions.add(Builders.topicPermission()
                    .topicFilter(rule.topicFilter())
                    .type(TopicPermission.PermissionType.ALLOW)
                    .activity(TopicPermission.MqttActivity.PUBLISH)
                    .qos(TopicPermission.Qos.ONE_TWO)
                    .retain(rule.retainAllowed() ? TopicPermission.Retain.ALL : TopicPermission.Retain.NOT_RETAINED)
                    .build());
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
}
