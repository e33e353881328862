/** The companion app's session history under load, over a seeded year of sessions. */
package dev.massager.bench.api;
