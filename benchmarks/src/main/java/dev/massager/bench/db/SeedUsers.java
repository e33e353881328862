package dev.massager.bench.db;

import java.util.List;

/** The users the database seeds write: their ids, their massagers' ids and the time zones they are drawn from. */
public final class SeedUsers {

    /** Time zones of the users, with weights: most in Europe and North America. */
    public static final List<String> ZONES = List.of(
            "Europe/Berlin",
            "Europe/Berlin",
            "Europe/Paris",
            "Europe/London",
            "Europe/Madrid",
            "Europe/Warsaw",
            "America/New_York",
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Sao_Paulo",
            "Asia/Tokyo",
            "Asia/Kolkata",
            "Australia/Sydney",
            "UTC");

    private SeedUsers() {}

    /** User {@code user} (from 0): {@code bench-user-000001} and on. */
    public static String userId(int user) {
        return String.format("bench-user-%06d", user + 1);
    }

    /** The massager paired to user {@code user}: {@code bench-000001} and on. */
    public static String deviceId(int user) {
        return String.format("bench-%06d", user + 1);
    }
}
