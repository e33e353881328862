package dev.massager.simulator.fleet;

import java.time.ZoneId;

/**
 * A person with nocturnal leg cramps and a massager.
 *
 * @param index position in the fleet, from 0
 * @param id the user id, the subject of the user's API tokens
 * @param zone where the user lives
 * @param device the user's massager
 * @param sessionRate this user's chance of an evening session on a night
 * @param crampRate this user's chance of a cramp night without a session
 */
public record VirtualUser(
        int index, String id, ZoneId zone, VirtualDevice device, double sessionRate, double crampRate) {}
