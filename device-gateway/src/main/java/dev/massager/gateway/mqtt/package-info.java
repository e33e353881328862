/** The gateway's side of the MQTT broker: shared subscriptions, manual acknowledgements, reconnection. */
package dev.massager.gateway.mqtt;
