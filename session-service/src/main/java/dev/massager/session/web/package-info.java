/**
 * This service's API rules (which paths need which role) and OpenAPI title; the JWT security, problem details and
 * rate limits themselves come from {@code api-support}.
 */
package dev.massager.session.web;
