/** Recomputing the whole nights table from the raw sessions and diary entries, as a command. */
package dev.massager.analytics.rebuild;
