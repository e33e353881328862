/**
 * The {@code nights} table: one row per user and night with a diary entry or an exposure session, kept up to date
 * from the raw sessions and diary entries in the transaction that changes them, and read by insights and cohorts.
 */
package dev.massager.analytics.aggregate;
