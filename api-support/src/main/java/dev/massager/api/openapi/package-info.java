/** The OpenAPI document's bearer scheme and stable tag order, shared by every service's document. */
package dev.massager.api.openapi;
