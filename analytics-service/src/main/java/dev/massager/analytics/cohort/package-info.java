/** Cohort figures for the product team: usage and cramp-night rates, never for a group of fewer than k users. */
package dev.massager.analytics.cohort;
