/** Diary entries: the latest entry per user and night, deletions kept so that they stay deleted. */
package dev.massager.analytics.diary;
