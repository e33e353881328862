/** {@code @WithInfrastructure}: the shared servers' connection details as properties of a Spring test context. */
package dev.massager.infra.spring;
