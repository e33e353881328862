/** The personal insight: cramp-night rates with and without sessions, their comparison and dose-response. */
package dev.massager.analytics.insight;
