/** The product team's cohort dashboard: a static page under {@code /dashboard/} that reads the cohort API. */
package dev.massager.analytics.dashboard;
