/** The analytics service: nights, personal insights and cohort aggregates. */
package dev.massager.analytics;
