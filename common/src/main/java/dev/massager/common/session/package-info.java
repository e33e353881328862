/** The session summary that session-service publishes on {@code massager.sessions.v1}. */
package dev.massager.common.session;
