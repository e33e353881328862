/** The HTTP edge of the service: JWT bearer security, RFC 9457 problem details and the OpenAPI document. */
package dev.massager.session.web;
