/** The night calendar: which night an instant belongs to and which night a session is exposure for. */
package dev.massager.analytics.nights;
