/**
 * RFC 9457 problem details: the exceptions a domain throws ({@link dev.massager.api.problem.BadRequest},
 * {@link dev.massager.api.problem.NotFound}, {@link dev.massager.api.problem.Conflict}) and the writers that turn
 * every error, from a controller or a security filter, into a problem.
 */
package dev.massager.api.problem;
