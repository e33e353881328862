/** What the virtual users and the factory do through the companion-app API: provision, pair, set a zone, log nights. */
package dev.massager.simulator.api;
