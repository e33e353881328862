/** The HTTP API plumbing every service shares, as Spring Boot auto-configuration; see the module's README. */
package dev.massager.api;
