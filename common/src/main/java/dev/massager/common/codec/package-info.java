/** The one codec that turns contract records into JSON bytes and bytes back into records or a precise refusal. */
package dev.massager.common.codec;
