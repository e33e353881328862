/** What the consumers need beside the shared plumbing of {@code dev.massager.api.stream}: a record's send time. */
package dev.massager.analytics.stream;
