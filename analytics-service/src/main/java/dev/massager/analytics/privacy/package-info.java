/** Erasure: forgetting a user in every table, and keeping records about them that arrive later out. */
package dev.massager.analytics.privacy;
