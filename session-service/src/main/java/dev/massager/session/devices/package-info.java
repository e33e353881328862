/** Devices provisioned at the factory and their pairing to users, with the whole pairing history. */
package dev.massager.session.devices;
