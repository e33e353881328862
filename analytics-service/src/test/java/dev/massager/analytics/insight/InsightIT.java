package dev.massager.analytics.insight;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newDevice;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.offline;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.Records;
import dev.massager.analytics.support.Tables;
import dev.massager.api.testing.ApiClient;
import dev.massager.common.device.EndReason;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events in, figures out: sessions and diary entries go in through Kafka, the personal insight comes out of the API.
 * The expected figures are counted from the script here, never with the production classes. Nights are in 2031, a
 * year no cohort test uses.
 */
@AnalyticsIntegrationTest
class InsightIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The two-sided 97.5% quantile of the standard normal distribution, for a 95% interval. */
    private static final double Z_95 = 1.959963984540054;

    /**
     * One character a night, from {@link #FIRST}: {@code W}/{@code w} an 8-minute WAVE session at 21:00 with/without
     * cramps, {@code F}/{@code f} a 25-minute FULL session at 01:30 the next morning with/without cramps, {@code E}
     * a WAVE session at 21:00 but no diary entry, {@code N}/{@code n} no session with/without cramps, {@code M}/
     * {@code m} only a session at 09:00 the next morning (exposure for no night) with/without cramps, {@code ?}
     * nothing at all. The range crosses the change to summer time (2031-03-30).
     */
    private static final String SCRIPT = "WnfNwmF?nw" + "fNWnEfmNW?" + "nFwmWnwfNn" + "Ew?nFmNwfn";

    private static final LocalDate FIRST = LocalDate.parse("2031-03-06");
    private static final LocalDate LAST = FIRST.plusDays(SCRIPT.length() - 1);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Records records;
    Tables tables;
    ApiClient api;

    @BeforeEach
    void setUp() {
        records = new Records(kafka);
        tables = new Tables(jdbc);
        api = new ApiClient(port);
    }

    @Test
    void shouldCountTheNightsWithAndWithoutSessionsOfTheScriptAndCompareThem() {
        // Another user in the same range with nothing but massage nights with cramps: must not show in the answer.
        String other = newUser();
        String otherDevice = newDevice();
        String otherScript = "W".repeat(20);
        int otherSessions = script(other, otherDevice, FIRST, otherScript);
        records.sendDevice(otherDevice, offline(berlin(LAST, "23:00")), berlin(LAST.plusDays(2), "12:00"));

        String user = newUser();
        String device = newDevice();
        int sessions = script(user, device, FIRST, SCRIPT);
        // the device reports after the range: every night without a known session had none
        records.sendDevice(device, offline(berlin(LAST, "23:00")), berlin(LAST.plusDays(2), "12:00"));

        int exposed = count(SCRIPT, "WwFf");
        int exposedCramps = count(SCRIPT, "WF");
        int unexposed = count(SCRIPT, "NnMm");
        int unexposedCramps = count(SCRIPT, "NM");
        // a night with a session but no entry has a row and is unknown; a night with neither has no row at all
        int unknown = count(SCRIPT, "E");
        assertThat(exposed).as("the script has enough nights with sessions").isGreaterThanOrEqualTo(14);
        assertThat(unexposed).as("the script has enough nights without").isGreaterThanOrEqualTo(14);

        await().atMost(WAIT).until(() -> tables.sessions(user) == sessions && tables.sessions(other) == otherSessions);
        JsonNode otherInsight = await().atMost(WAIT)
                .until(
                        () -> insight(other, FIRST, LAST),
                        answer -> answer.get("withSessions").get("nights").asInt() == 20
                                && answer.get("withSessions").get("crampNights").asInt() == 20);
        assertThat(otherInsight.get("withoutSessions").get("nights").asInt()).isZero();

        JsonNode insight = await().atMost(WAIT)
                .until(
                        () -> insight(user, FIRST, LAST),
                        answer -> answer.get("withSessions").get("nights").asInt() == exposed
                                && answer.get("withSessions").get("crampNights").asInt() == exposedCramps
                                && answer.get("withoutSessions").get("nights").asInt() == unexposed
                                && answer.get("withoutSessions")
                                                .get("crampNights")
                                                .asInt()
                                        == unexposedCramps
                                && answer.get("unknownNights").asInt() == unknown);

        assertThat(insight.get("observedNights").asInt()).isEqualTo(exposed + unexposed);
        assertThat(insight.get("nightsUsed").asInt()).isEqualTo(exposed + unexposed);
        assertThat(insight.get("nightsAwaitingDeviceData").asInt()).isZero();
        assertTally(insight.get("withSessions"), exposed, exposedCramps);
        assertTally(insight.get("withoutSessions"), unexposed, unexposedCramps);
        assertThat(insight.get("enoughData").asBoolean()).isTrue();
        assertThat(insight.get("moreNightsNeeded").get("withSessions").asInt()).isZero();
        assertThat(insight.get("moreNightsNeeded").get("withoutSessions").asInt())
                .isZero();

        JsonNode comparison = insight.get("comparison");
        JsonNode counts = comparison.get("counts");
        assertThat(counts.get("exposedEvents").asInt()).isEqualTo(exposedCramps);
        assertThat(counts.get("exposedTotal").asInt()).isEqualTo(exposed);
        assertThat(counts.get("unexposedEvents").asInt()).isEqualTo(unexposedCramps);
        assertThat(counts.get("unexposedTotal").asInt()).isEqualTo(unexposed);
        assertThat(comparison.get("exposedRate").asDouble()).isCloseTo((double) exposedCramps / exposed, within(1e-12));
        assertThat(comparison.get("unexposedRate").asDouble())
                .isCloseTo((double) unexposedCramps / unexposed, within(1e-12));
        assertKatz(comparison.get("relativeRisk"), exposedCramps, exposed, unexposedCramps, unexposed);
        assertThat(comparison.get("pValue").isNumber())
                .as("p-value of %s", comparison)
                .isTrue();
        assertThat(comparison.get("pValue").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);

        // W/w: 8 minutes, main mode WAVE, highest intensity 1; F/f: 25 minutes, FULL, intensity 3
        JsonNode dose = insight.get("doseResponse");
        int wave = count(SCRIPT, "Ww");
        int waveCramps = count(SCRIPT, "W");
        int full = count(SCRIPT, "Ff");
        int fullCramps = count(SCRIPT, "F");
        assertLevels(
                dose.get("byMinutes"),
                Map.of("0-10", new int[] {wave, waveCramps}, "10-20", new int[] {0, 0}, ">20", new int[] {
                    full, fullCramps
                }),
                "0-10",
                "10-20",
                ">20");
        assertLevels(
                dose.get("byMainMode"),
                Map.of("SEQUENTIAL", new int[] {0, 0}, "WAVE", new int[] {wave, waveCramps}, "FULL", new int[] {
                    full, fullCramps
                }),
                "SEQUENTIAL",
                "WAVE",
                "FULL");
        assertLevels(
                dose.get("byMaxIntensity"),
                Map.of("1", new int[] {wave, waveCramps}, "2", new int[] {0, 0}, "3", new int[] {full, fullCramps}),
                "1",
                "2",
                "3");

        JsonNode definitions = insight.get("definitions");
        assertThat(definitions.get("nightStart").asString()).startsWith("12:00");
        assertThat(definitions.get("exposureCutoff").asString()).startsWith("04:00");
        assertThat(definitions.get("minimumNightsPerArm").asInt()).isEqualTo(14);
        assertThat(definitions.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(definitions.get("minuteBuckets").toString()).isEqualTo("[10,20]");
        for (String text :
                List.of("night", "exposure", "withSessions", "withoutSessions", "awaitingDeviceData", "doseResponse")) {
            assertThat(definitions.get(text).asString()).as(text).isNotBlank();
        }
        assertThat(definitions.get("comparison").isObject()).isTrue();
        assertThat(definitions.get("comparison").size()).isPositive();
    }

    @Test
    void shouldSayHowManyMoreNightsAreNeededAndLeaveOutNightsTheDeviceHasNotReportedSince() {
        LocalDate first = LocalDate.parse("2031-06-01");
        LocalDate last = first.plusDays(9);
        String user = newUser();
        String device = newDevice();
        // one massage night with cramps, then nine nights without a session: two of them with cramps
        int sessions = script(user, device, first, "WNnnNnNnnn?");
        // received exactly when night 06-05 ends (06-06 12:00): that night is complete, 06-06 to 06-10 are not
        records.sendDevice(device, offline(berlin("2031-06-06T11:59")), berlin("2031-06-06T12:00"));
        await().atMost(WAIT).until(() -> tables.sessions(user) == sessions);

        JsonNode insight = await().atMost(WAIT)
                .until(
                        () -> insight(user, first, last),
                        answer -> answer.get("observedNights").asInt() == 10
                                && answer.get("withoutSessions").get("nights").asInt() == 4
                                && answer.get("nightsAwaitingDeviceData").asInt() == 5);

        assertTally(insight.get("withSessions"), 1, 1);
        // 06-02 to 06-05, with cramps on 06-02 and 06-05
        assertTally(insight.get("withoutSessions"), 4, 2);
        assertThat(insight.get("nightsUsed").asInt()).isEqualTo(5);
        assertThat(insight.get("unknownNights").asInt()).isZero();
        assertThat(insight.get("enoughData").asBoolean()).isFalse();
        assertThat(insight.get("moreNightsNeeded").get("withSessions").asInt()).isEqualTo(14 - 1);
        assertThat(insight.get("moreNightsNeeded").get("withoutSessions").asInt())
                .isEqualTo(14 - 4);
        // a zero cell (no night with sessions without cramps): Haldane-Anscombe
        JsonNode relativeRisk = insight.get("comparison").get("relativeRisk");
        assertThat(relativeRisk.get("corrected").asBoolean()).isTrue();
        assertKatz(relativeRisk, 1, 1, 2, 4);
        // Fisher, by hand: 3 cramp nights among 5, the one night with sessions has one with probability 3/5, none
        // with 2/5; both are at most as likely as the table seen (3/5), so p = 1
        assertThat(insight.get("comparison").get("pValue").asDouble()).isCloseTo(1.0, within(1e-9));

        // the device reports again after the range: the nights it did not run a session in count now
        records.sendDevice(device, offline(berlin("2031-06-20T20:00")), berlin("2031-06-20T20:00"));

        JsonNode later = await().atMost(WAIT)
                .until(
                        () -> insight(user, first, last),
                        answer -> answer.get("nightsAwaitingDeviceData").asInt() == 0);
        assertTally(later.get("withoutSessions"), 9, 3);
        assertThat(later.get("nightsUsed").asInt()).isEqualTo(10);
        assertThat(later.get("moreNightsNeeded").get("withSessions").asInt()).isEqualTo(13);
        assertThat(later.get("moreNightsNeeded").get("withoutSessions").asInt()).isEqualTo(5);
        // 4 cramp nights among 10: the one night with sessions has one with probability 4/10, none with 6/10
        assertThat(later.get("comparison").get("pValue").asDouble()).isCloseTo(0.4, within(1e-9));
        assertKatz(later.get("comparison").get("relativeRisk"), 1, 1, 3, 9);
    }

    @Test
    void shouldCountNightsWithoutSessionOnlyOnceADeviceConnectedForLongerThanThePipelinesLag() {
        // past nights, so that "now minus the lag" is after them
        LocalDate first = LocalDate.parse("2024-02-01");
        LocalDate last = first.plusDays(4);
        String user = newUser();
        String device = newDevice();
        int sessions = script(user, device, first, "WNnnN");
        // connected two hours ago: its backlog, if any, has arrived; nights before "now - 1 h" are complete
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        records.sendDevice(device, Records.online(twoHoursAgo), twoHoursAgo);
        await().atMost(WAIT).until(() -> tables.sessions(user) == sessions);

        JsonNode settled = await().atMost(WAIT)
                .until(
                        () -> insight(user, first, last),
                        answer -> answer.get("withoutSessions").get("nights").asInt() == 4);
        assertThat(settled.get("nightsAwaitingDeviceData").asInt()).isZero();
        assertThat(insight(user, first, last.plusDays(2)).get("unknownNights").asInt())
                .as("two past nights without a diary entry or a session")
                .isEqualTo(2);

        // a second device of the user connects just now: what it held while offline may still be on its way
        String second = newDevice();
        records.send(session(
                user,
                second,
                berlin(first.plusDays(10), "21:00"),
                EndReason.TIMER,
                Map.of(Mode.WAVE, 600L),
                Set.of(2),
                Set.of(Heat.LOW)));
        records.sendDevice(second, Records.online(Instant.now()), Instant.now());

        JsonNode waiting = await().atMost(WAIT)
                .until(
                        () -> insight(user, first, last),
                        answer -> answer.get("nightsAwaitingDeviceData").asInt() == 4);
        assertThat(waiting.get("withoutSessions").get("nights").asInt()).isZero();
    }

    @Test
    void shouldAnswerAUserWithoutNightsWithEmptyArms() {
        JsonNode insight = insight(newUser(), LocalDate.parse("2031-08-01"), LocalDate.parse("2031-08-31"));

        assertThat(insight.get("observedNights").asInt()).isZero();
        assertTally(insight.get("withSessions"), 0, 0);
        assertTally(insight.get("withoutSessions"), 0, 0);
        assertThat(insight.get("enoughData").asBoolean()).isFalse();
        assertThat(insight.get("moreNightsNeeded").get("withSessions").asInt()).isEqualTo(14);
        assertThat(insight.get("moreNightsNeeded").get("withoutSessions").asInt())
                .isEqualTo(14);
        assertThat(insight.get("comparison").path("relativeRisk").isNull()
                        || insight.get("comparison").path("relativeRisk").isMissingNode())
                .as("no relative risk without nights: %s", insight)
                .isTrue();
    }

    @Test
    void shouldRefuseARangeThatEndsBeforeItStarts() {
        assertThat(api.user(newUser())
                        .get("/api/v1/me/insights?from=2031-05-10&to=2031-05-01")
                        .badRequestFields())
                .containsExactly("from");
    }

    @Test
    void shouldRefuseARangeOfMoreThan366Nights() {
        String user = newUser();
        // 2031-01-01 to 2032-01-01: 366 nights
        api.user(user).get("/api/v1/me/insights?from=2031-01-01&to=2032-01-01").expect(200);
        assertThat(api.user(user)
                        .get("/api/v1/me/insights?from=2031-01-01&to=2032-01-02")
                        .badRequestFields())
                .containsExactly("to");
    }

    private JsonNode insight(String user, LocalDate from, LocalDate to) {
        return api.user(user)
                .get("/api/v1/me/insights?from=" + from + "&to=" + to)
                .expect(200)
                .json();
    }

    /** Sends the records of {@code script} (see {@link #SCRIPT}) from night {@code first}; returns the sessions sent. */
    private int script(String user, String device, LocalDate first, String script) {
        int sessions = 0;
        for (int i = 0; i < script.length(); i++) {
            LocalDate night = first.plusDays(i);
            char kind = script.charAt(i);
            Instant start = switch (Character.toUpperCase(kind)) {
                case 'W', 'E' -> berlin(night, "21:00");
                case 'F' -> berlin(night.plusDays(1), "01:30");
                case 'M' -> berlin(night.plusDays(1), "09:00");
                default -> null;
            };
            if (start != null) {
                records.send(
                        switch (Character.toUpperCase(kind)) {
                            case 'F' ->
                                session(
                                        user,
                                        device,
                                        start,
                                        EndReason.TIMER,
                                        Map.of(Mode.FULL, 1200L, Mode.WAVE, 300L),
                                        Set.of(2, 3),
                                        Set.of(Heat.LOW));
                            case 'M' ->
                                session(
                                        user,
                                        device,
                                        start,
                                        EndReason.TIMER,
                                        Map.of(Mode.FULL, 600L),
                                        Set.of(3),
                                        Set.of(Heat.HIGH));
                            default ->
                                session(
                                        user,
                                        device,
                                        start,
                                        EndReason.TIMER,
                                        Map.of(Mode.WAVE, 360L, Mode.SEQUENTIAL, 120L),
                                        Set.of(1),
                                        Set.of(Heat.OFF));
                        });
                sessions++;
            }
            if ("WwFfNnMm".indexOf(kind) >= 0) {
                records.send(
                        entry(user, night, Character.isUpperCase(kind) ? 2 : 0, berlin(night.plusDays(1), "08:00")));
            }
        }
        return sessions;
    }

    private static int count(String script, String kinds) {
        return (int) script.chars().filter(kind -> kinds.indexOf(kind) >= 0).count();
    }

    private static void assertTally(JsonNode tally, int nights, int crampNights) {
        assertThat(tally.get("nights").asInt()).as("nights of %s", tally).isEqualTo(nights);
        assertThat(tally.get("crampNights").asInt())
                .as("cramp nights of %s", tally)
                .isEqualTo(crampNights);
        if (nights == 0) {
            assertThat(tally.path("crampRate").isNull()
                            || tally.path("crampRate").isMissingNode())
                    .as("no rate of %s", tally)
                    .isTrue();
        } else {
            assertThat(tally.get("crampRate").asDouble()).isCloseTo((double) crampNights / nights, within(1e-12));
        }
    }

    private static void assertLevels(JsonNode levels, Map<String, int[]> expected, String... order) {
        List<String> names = new ArrayList<>();
        levels.forEach(level -> names.add(level.get("level").asString()));
        assertThat(names).as("levels of %s", levels).containsExactly(order);
        levels.forEach(level -> {
            int[] tally = expected.get(level.get("level").asString());
            assertTally(level.get("tally"), tally[0], tally[1]);
        });
    }

    /** The relative risk by the log method (Katz), 0.5 added to every cell when one of them is zero. */
    private static void assertKatz(JsonNode relativeRisk, int a, int n1, int c, int n0) {
        boolean zeroCell = a == 0 || a == n1 || c == 0 || c == n0;
        double add = zeroCell ? 0.5 : 0;
        double aa = a + add;
        double nn1 = n1 + 2 * add;
        double cc = c + add;
        double nn0 = n0 + 2 * add;
        double rr = (aa / nn1) / (cc / nn0);
        double se = Math.sqrt(1 / aa - 1 / nn1 + 1 / cc - 1 / nn0);
        assertThat(relativeRisk.get("estimate").asDouble()).isCloseTo(rr, within(1e-9));
        assertThat(relativeRisk.get("lower").asDouble()).isCloseTo(rr * Math.exp(-Z_95 * se), within(1e-9));
        assertThat(relativeRisk.get("upper").asDouble()).isCloseTo(rr * Math.exp(Z_95 * se), within(1e-9));
        assertThat(relativeRisk.get("corrected").asBoolean()).isEqualTo(zeroCell);
    }
}
