/**
 * The broker's gatekeeper, a HiveMQ extension: a device proves its id with its X.509 certificate and may publish only
 * under {@code massagers/{its id}/}; backend clients log in with a username and password on the internal listener.
 */
package dev.massager.broker;
