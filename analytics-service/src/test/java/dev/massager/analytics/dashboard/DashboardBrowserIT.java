package dev.massager.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.support.HeadlessChromium;
import dev.massager.analytics.support.Records;
import dev.massager.api.testing.ApiClient;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the dashboard in headless Chromium against the running service, with sessions and diary entries of a cohort
 * sent through Kafka, and reads the DOM the page's scripts built: every number the API returns must reach its data
 * table unchanged, and every suppressed cell must say so without a number. Skipped where no Chromium is installed
 * (see {@link HeadlessChromium}).
 */
@AnalyticsIntegrationTest
class DashboardBrowserIT {

    /** Nights no other test uses: cohort figures count every user in their range. */
    private static final LocalDate FIRST_NIGHT = LocalDate.parse("2033-03-01");

    private static final LocalDate LAST_NIGHT = LocalDate.parse("2033-03-15");
    private static final String RANGE = "from=" + FIRST_NIGHT + "&to=" + LAST_NIGHT;

    /** Users with a session every evening of the first week and a diary entry every night of two weeks. */
    private static final int REGULAR_USERS = 12;

    /** Users with a session only on the last night: too few to show that night's figures. */
    private static final int OCCASIONAL_USERS = 4;

    private static boolean cohortSent;
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final List<String> NIGHT_SERIES = List.of("activeUsers", "activeDevices", "sessions");
    private static final List<String> CRAMP_GROUPS = List.of("overall", "byMode", "byIntensity", "byDuration");
    private static final List<String> ARM_NUMBERS = List.of("nights", "crampNights", "rate");
    private static final List<String> RISK_NUMBERS = List.of("estimate", "lower", "upper");

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    HeadlessChromium chromium;

    /**
     * Per test rather than in {@code @BeforeAll}: Surefire and Failsafe report a class skipped there as zero tests,
     * without the reason, so a machine without Chromium would pass silently.
     */
    @BeforeEach
    void findChromium() {
        chromium = HeadlessChromium.findOrSkip();
    }

    @Test
    void shouldServeThePageAtDashboardAndChartJsFromItsWebJar() throws Exception {
        HttpResponse<String> withoutSlash = get("/dashboard");
        assertThat(withoutSlash.statusCode()).isEqualTo(302);
        assertThat(withoutSlash.headers().firstValue("Location"))
                .hasValueSatisfying(
                        location -> assertThat(URI.create(location).getPath()).isEqualTo("/dashboard/"));

        HttpResponse<String> page = get("/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Cohort dashboard");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'", "connect-src 'self'"));

        assertThat(get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode())
                .isEqualTo(200);
    }

    @Nested
    @TestInstance(Lifecycle.PER_CLASS)
    class WhenAnAnalystOpensIt {

        final String token =
                ApiClient.mint().mint("analyst-" + UUID.randomUUID(), List.of("analyst"), Duration.ofHours(1));
        JsonNode usage;
        JsonNode cramps;
        Document page;

        /**
         * Sends the cohort once, waits until the API shows all of it, then opens the page once for all the tests of
         * this class (one instance for all of them); what the API answers is what the page must show.
         */
        @BeforeEach
        void openTheDashboardOnce() {
            if (page != null) {
                return;
            }
            sendTheCohort();
            ApiClient.Caller analyst = new ApiClient(port).withToken(token);
            usage = await().atMost(Duration.ofMinutes(1))
                    .until(
                            () -> analyst.get("/api/v1/cohort/usage?" + RANGE)
                                    .expect(200)
                                    .json(),
                            report -> report.get("nights").size() == 8
                                    && report.get("nights")
                                            .valueStream()
                                            .limit(7)
                                            .allMatch(night -> night.get("sessions")
                                                            .get("value")
                                                            .asInt()
                                                    == REGULAR_USERS));
            cramps = await().atMost(Duration.ofMinutes(1))
                    .until(
                            () -> analyst.get("/api/v1/cohort/cramps?" + RANGE)
                                    .expect(200)
                                    .json(),
                            report -> !report.get("overall").get("suppressed").asBoolean()
                                    && report.get("overall").get("users").asInt() == REGULAR_USERS
                                    && report.get("overall")
                                                    .get("withoutSessions")
                                                    .get("nights")
                                                    .asInt()
                                            == REGULAR_USERS * 7);
            page = open("/dashboard/#token=" + token + "&" + RANGE);
        }

        @Test
        void shouldFinishRenderingWithoutAnError() {
            assertThat(page.body().attr("data-state"))
                    .as("state; error shown: %s", page.getElementById("error").text())
                    .isEqualTo("ready");
            assertThat(page.getElementById("error").hasAttr("hidden")).isTrue();
            assertThat(page.select("canvas")).hasSize(6);
        }

        @Test
        void shouldShowEveryNightOfTheApi() {
            List<String> keys = new ArrayList<>();
            for (JsonNode night : usage.get("nights")) {
                String key = night.get("night").asString();
                keys.add(key);
                for (String series : NIGHT_SERIES) {
                    assertCell(cell("nights", key, series), night.get(series));
                }
            }
            assertThat(rowKeys("nights")).containsExactlyElementsOf(keys);
            assertThat(numberAndSuppressedCells("nights")).hasSize(keys.size() * NIGHT_SERIES.size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"minutesByMode", "intensity", "heat", "faultsByFirmware"})
        void shouldShowEveryCellOfAKeyedChart(String chart) {
            List<String> keys = new ArrayList<>();
            for (JsonNode item : usage.get(chart)) {
                String key = item.get("key").asString();
                keys.add(key);
                assertCell(cell(chart, key, "value"), item);
            }
            assertThat(rowKeys(chart)).containsExactlyElementsOf(keys);
            assertThat(numberAndSuppressedCells(chart)).hasSize(keys.size());
        }

        @Test
        void shouldShowTheSummary() {
            assertCell(cell("summary", "endedEarly", "value"), usage.get("endedEarly"));
            assertCell(cell("summary", "onlineDevices", "value"), usage.get("onlineDevices"));
            assertThat(numberAndSuppressedCells("summary")).hasSize(2);
        }

        @Test
        void shouldShowEveryCrampRowWithItsRatesRelativeRiskAndPValue() {
            List<String> keys = new ArrayList<>();
            int expectedCells = 0;
            for (String group : CRAMP_GROUPS) {
                List<JsonNode> rows = cramps.get(group).isArray()
                        ? cramps.get(group).valueStream().toList()
                        : List.of(cramps.get(group));
                for (JsonNode row : rows) {
                    String key = group + ":" + row.get("key").asString();
                    keys.add(key);
                    if (row.get("suppressed").asBoolean()) {
                        Elements cells = page.select("table[data-chart=cramps] td[data-key=\"" + key + "\"]");
                        assertThat(cells).hasSize(1);
                        assertSuppressed(
                                cells.first(), cramps.get("minimumUsers").asInt());
                        expectedCells++;
                        continue;
                    }
                    assertNumber(cell("cramps", key, "users"), row.get("users"));
                    for (String arm : List.of("withSessions", "withoutSessions")) {
                        for (String number : ARM_NUMBERS) {
                            assertNumber(
                                    cell("cramps", key, arm + "." + number),
                                    row.get(arm).get(number));
                        }
                    }
                    if (row.get("relativeRisk").isNull()) {
                        Element undefined = cell("cramps", key, "relativeRisk");
                        assertThat(undefined.attr("data-undefined")).isEqualTo("true");
                        assertThat(undefined.hasAttr("data-value")).isFalse();
                        expectedCells += 1;
                    } else {
                        for (String number : RISK_NUMBERS) {
                            assertNumber(
                                    cell("cramps", key, "relativeRisk." + number),
                                    row.get("relativeRisk").get(number));
                        }
                        expectedCells += RISK_NUMBERS.size();
                    }
                    assertNumber(cell("cramps", key, "pValue"), row.get("pValue"));
                    expectedCells += 1 + 2 * ARM_NUMBERS.size() + 1;
                }
            }
            assertThat(rowKeys("cramps")).containsExactlyElementsOf(keys);
            assertThat(page.select("table[data-chart=cramps] td[data-key]")).hasSize(expectedCells);
        }

        @Test
        void shouldExplainTheDefinitionsOfTheApi() {
            cramps.get("definitions")
                    .forEachEntry((key, text) -> assertThat(
                                    page.select("dd[data-key=" + key + "]").text())
                            .isEqualTo(text.asString()));
        }

        @Test
        void shouldMarkSuppressedCellsWithoutANumber() {
            Elements suppressed = page.select("[data-suppressed=true]");
            // The last night has too few users (three cells), and so have the modes and levels nobody used.
            assertThat(suppressed.select("td")).hasSizeGreaterThanOrEqualTo(NIGHT_SERIES.size() + 1);
            assertThat(suppressed.select("td[data-key=\"" + LAST_NIGHT + "\"]")).hasSize(NIGHT_SERIES.size());
            suppressed
                    .select("td")
                    .forEach(cell ->
                            assertSuppressed(cell, usage.get("minimumUsers").asInt()));
        }

        @Test
        void shouldLookRightInAScreenshot() throws Exception {
            chromium.screenshot(url("/dashboard/#token=" + token + "&" + RANGE), SCREENSHOT);

            BufferedImage screenshot = ImageIO.read(SCREENSHOT.toFile());
            assertThat(screenshot.getWidth()).isEqualTo(1280);
            assertThat(screenshot.getHeight()).isEqualTo(2200);
            // Charts and tables weigh far more than a blank or error page would.
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(100_000);
        }

        private Element cell(String chart, String key, String series) {
            Elements cells = page.select(
                    "table[data-chart=" + chart + "] td[data-key=\"" + key + "\"][data-series=\"" + series + "\"]");
            assertThat(cells).as("%s cell %s/%s", chart, key, series).hasSize(1);
            return cells.first();
        }

        private List<String> rowKeys(String chart) {
            return page.select("table[data-chart=" + chart + "] tbody tr").eachAttr("data-key");
        }

        private Elements numberAndSuppressedCells(String chart) {
            return page.select("table[data-chart=" + chart + "] td[data-value], table[data-chart=" + chart
                    + "] td[data-suppressed]");
        }

        /** A contract cell: {@code {"value":…,"users":…,"suppressed":false}} or suppressed. */
        private void assertCell(Element cell, JsonNode expected) {
            if (expected.get("suppressed").asBoolean()) {
                assertSuppressed(cell, usage.get("minimumUsers").asInt());
            } else {
                assertNumber(cell, expected.get("value"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "user"})
    void shouldExplainWhyTheApiRefusedTheToken(String kind) {
        Instant now = Instant.now();
        String token = kind.equals("expired")
                ? ApiClient.mint()
                        .mint(
                                "analyst-" + UUID.randomUUID(),
                                List.of("analyst"),
                                now.minusSeconds(7200),
                                now.minusSeconds(3600))
                : ApiClient.mint().mint(ApiClient.newUserId(), List.of("user"), Duration.ofMinutes(5));
        // Without the slash: the redirect to /dashboard/ must keep the fragment, token included.
        Document page = open("/dashboard#token=" + token + "&" + RANGE);

        assertThat(page.body().attr("data-state")).isEqualTo("error");
        Element error = page.getElementById("error");
        assertThat(error.hasAttr("hidden")).isFalse();
        if (kind.equals("expired")) {
            assertThat(error.attr("data-status")).isEqualTo("401");
            assertThat(error.text()).contains("not accepted");
        } else {
            assertThat(error.attr("data-status")).isEqualTo("403");
            assertThat(error.text()).contains("analyst role");
        }
        assertThat(page.getElementById("main").hasAttr("hidden")).isTrue();
    }

    @Test
    void shouldAskForATokenWithoutOne() {
        Document page = open("/dashboard/#" + RANGE);

        assertThat(page.body().attr("data-state")).isEqualTo("error");
        assertThat(page.getElementById("error").text()).contains("analyst token is needed");
    }

    /**
     * Regular users: a 20-minute session at 21:00 Berlin on each of the first seven nights, a diary entry on each of
     * the fourteen nights (cramps on fewer of the nights with a session), and a device that reports after the range. Occasional users: one
     * session on the last night, too few to be shown.
     */
    private void sendTheCohort() {
        if (cohortSent) {
            return;
        }
        Records records = new Records(kafka);
        for (int user = 0; user < REGULAR_USERS; user++) {
            String userId = Records.newUser();
            for (int day = 0; day < 14; day++) {
                LocalDate night = FIRST_NIGHT.plusDays(day);
                if (day < 7) {
                    records.send(Records.session(UUID.randomUUID(), 1, userId, Records.berlin(night + "T21:00:00")));
                }
                // cramps on every fourth night with a session, on every second night without
                boolean cramps = day < 7 ? (day + user) % 4 == 0 : (day + user) % 2 == 0;
                records.send(Records.entry(userId, night, cramps ? 2 : 0, Instant.now()));
            }
        }
        for (int user = 0; user < OCCASIONAL_USERS; user++) {
            records.send(
                    Records.session(UUID.randomUUID(), 1, Records.newUser(), Records.berlin(LAST_NIGHT + "T21:30:00")));
        }
        // Offline after the range: the nights without a session are complete, no session of them can still come.
        Instant afterTheRange = Records.berlin(LAST_NIGHT.plusDays(10) + "T12:00:00");
        records.sendDevice("m-analytics", Records.offline(afterTheRange), afterTheRange);
        cohortSent = true;
    }

    private static void assertNumber(Element cell, JsonNode expected) {
        assertThat(cell.hasAttr("data-suppressed")).as("suppressed %s", cell).isFalse();
        assertThat(Double.parseDouble(cell.attr("data-value")))
                .as("data-value of %s", cell)
                .isEqualTo(expected.doubleValue());
        assertThat(cell.text()).as("text of %s", cell).isNotBlank();
    }

    private static void assertSuppressed(Element cell, int minimumUsers) {
        String reason = "fewer than " + minimumUsers + " users";
        assertThat(cell.attr("data-suppressed")).as("suppressed %s", cell).isEqualTo("true");
        assertThat(cell.hasAttr("data-value")).as("data-value of %s", cell).isFalse();
        assertThat(cell.text()).isEqualTo("suppressed: " + reason);
        assertThat(cell.text().replace(reason, "")).as("a number in %s", cell).doesNotContainPattern("\\d");
    }

    /** Loads the page until its scripts are done: {@code <body data-state>} is no longer "loading". */
    private Document open(String pathAndFragment) {
        URI url = url(pathAndFragment);
        return await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> Jsoup.parse(chromium.dumpDom(url), url.toString()),
                        page -> List.of("ready", "error").contains(page.body().attr("data-state")));
    }

    private URI url(String pathAndFragment) {
        return URI.create("http://127.0.0.1:" + port + pathAndFragment);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
