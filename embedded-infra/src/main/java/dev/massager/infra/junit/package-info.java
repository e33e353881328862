/** A JUnit Jupiter extension that hands the shared infrastructure to tests without Spring. */
package dev.massager.infra.junit;
