/** The user's rights over their data: export everything, and erasure from every table and every consumer. */
package dev.massager.session.privacy;
