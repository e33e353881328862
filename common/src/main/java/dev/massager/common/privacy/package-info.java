/** The erasure request that session-service publishes on {@code massager.user-erasures.v1}. */
package dev.massager.common.privacy;
