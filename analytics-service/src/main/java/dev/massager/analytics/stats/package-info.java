/** Statistics of a 2×2 table: rates, relative risk with its confidence interval, and Fisher's exact test. */
package dev.massager.analytics.stats;
