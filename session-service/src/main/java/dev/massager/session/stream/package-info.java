/**
 * Reading the device topics: the device id from the key, the payload with the contract codec, the gateway's headers.
 */
package dev.massager.session.stream;
