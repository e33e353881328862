/** Wire contracts shared by the massager services: records, reason codes and their preconditions. */
package dev.massager.common;
