/**
 * Usage sessions: built from the device stream in event time, whatever the order and however often a message
 * arrives, and served to the companion app.
 */
package dev.massager.session.sessions;
