package dev.massager.api.problem;

/**
 * One reason a request was refused, in the {@code errors} list of a 400 problem.
 *
 * @param field the name as the client wrote it: a query parameter, a path variable, or a JSON property path such as
 *     {@code severity} or {@code muscles[0]}
 * @param message what is wrong, for a human
 */
public record InvalidField(String field, String message) {}
