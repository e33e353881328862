/** The session service: sessions, devices, pairing, profiles and the cramp diary. */
package dev.massager.session;
