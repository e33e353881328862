/** analytics-service at scale: the nights rebuild and the insights, over seeded tables. */
package dev.massager.bench.analytics;
