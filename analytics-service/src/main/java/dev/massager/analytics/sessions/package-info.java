/** Session summaries: the highest revision of each session, with the night it counts as exposure for. */
package dev.massager.analytics.sessions;
