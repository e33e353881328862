/**
 * Bearer-token security: JWT checking, roles from the {@code roles} claim, per-user rate limits, the service's
 * {@link dev.massager.api.security.ApiAuthorization} rules, and {@link dev.massager.api.security.TokenMint} for local
 * tokens.
 */
package dev.massager.api.security;
