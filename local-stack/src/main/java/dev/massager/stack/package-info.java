/** The local stack: the embedded servers and the three services as child JVMs, for running the backend by hand. */
package dev.massager.stack;
