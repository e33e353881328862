/** The cramp diary entry that session-service publishes on {@code massager.cramp-nights.v1}. */
package dev.massager.common.diary;
