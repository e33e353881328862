/** Users and their profile: created on first use from the token subject, with the history of their time zones. */
package dev.massager.session.users;
