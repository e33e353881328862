package dev.massager.analytics.rebuild;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.aggregate.NightAggregation;
import dev.massager.analytics.aggregate.UserLocks;
import dev.massager.analytics.aggregate.UserNight;
import dev.massager.analytics.aggregate.UserNights;
import dev.massager.analytics.sessions.Sessions;
import dev.massager.analytics.support.Records;
import dev.massager.common.diary.CrampNight;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@AnalyticsIntegrationTest
class NightsRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserNights nights;

    @Autowired
    NightsRebuild rebuild;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    UserLocks locks;

    @Autowired
    Sessions sessions;

    @Autowired
    NightAggregation aggregation;

    @Test
    void shouldGiveTheSameNightsAsTheIncrementalPath() {
        Records records = new Records(kafka);
        String alice = newUser();
        String bob = newUser();
        UUID moved = UUID.randomUUID();
        LocalDate night = LocalDate.parse("2026-05-01");
        records.send(session(moved, 1, alice, berlin("2026-05-01T23:00")));
        records.send(session(UUID.randomUUID(), 1, alice, berlin("2026-05-02T02:00")));
        records.send(session(UUID.randomUUID(), 1, alice, berlin("2026-05-03T09:00")));
        records.send(session(moved, 2, alice, berlin("2026-05-04T21:00")));
        records.send(entry(alice, night, 2, berlin("2026-05-02T08:00")));
        records.send(entry(alice, night.plusDays(1), 0, berlin("2026-05-03T08:00")));
        records.send(entry(alice, night.plusDays(2), 1, berlin("2026-05-04T08:00")));
        records.send(CrampNight.deletion(
                UUID.randomUUID(), alice, night.plusDays(2), Records.BERLIN, berlin("2026-05-04T09:00")));
        records.send(session(UUID.randomUUID(), 1, bob, berlin("2026-05-01T20:00")));
        records.send(entry(bob, night, 0, berlin("2026-05-02T07:00")));
        // alice: May 1 (cramps, one session), May 2 (none), May 4 (the moved session); bob: May 1
        await().atMost(WAIT)
                .until(() -> nightsOf(alice, bob).size() == 4
                        && nightsOf(alice, bob).stream().anyMatch(n -> n.night().equals(night.plusDays(3)))
                        && nightsOf(alice, bob).stream()
                                .noneMatch(n -> n.night().equals(night.plusDays(2))));
        List<UserNight> incremental = nightsOf(alice, bob);
        assertThat(incremental)
                .filteredOn(n -> n.userId().equals(alice) && n.night().equals(night))
                .singleElement()
                .satisfies(n -> assertThat(n.sessionCount()).isEqualTo(1));

        // the table lost, a night too many, a session on the wrong night
        jdbc.sql("delete from nights where user_id in (?, ?)")
                .params(alice, bob)
                .update();
        jdbc.sql("insert into nights (user_id, night, exposed, session_count, session_seconds, sequential_seconds,"
                        + " wave_seconds, full_seconds, heat_used, time_zone, updated_at)"
                        + " values (?, '2026-06-01', true, 1, 1, 1, 0, 0, false, 'UTC', now())")
                .param(bob)
                .update();
        jdbc.sql("update sessions set exposure_night = '2026-06-02' where session_id = ?")
                .param(moved)
                .update();
        List<Progress> progress = new ArrayList<>();

        long users = rebuild.rebuild(progress::add).users();

        assertThat(nightsOf(alice, bob)).isEqualTo(incremental);
        assertThat(users).isGreaterThanOrEqualTo(2);
        assertThat(progress.get(progress.size() - 1)).satisfies(last -> {
            assertThat(last.done()).isEqualTo(users);
            assertThat(last.total()).isEqualTo(users);
        });
    }

    @Test
    void shouldRewriteOnlyTheNightsThatChanged() {
        Records records = new Records(kafka);
        String carol = newUser();
        LocalDate night = LocalDate.parse("2026-05-10");
        records.send(session(UUID.randomUUID(), 1, carol, berlin("2026-05-10T22:00")));
        records.send(entry(carol, night, 1, berlin("2026-05-11T08:00")));
        records.send(entry(carol, night.plusDays(1), 0, berlin("2026-05-12T08:00")));
        await().atMost(WAIT).until(() -> nightsOf(carol).size() == 2);
        rebuild.rebuild(progress -> {});
        Map<LocalDate, Instant> before = updatedAt(carol);
        jdbc.sql("update cramp_nights set cramps = 3 where user_id = ? and night = ?")
                .params(carol, night)
                .update();

        rebuild.rebuild(progress -> {});

        Map<LocalDate, Instant> after = updatedAt(carol);
        assertThat(after.get(night)).isAfter(before.get(night));
        assertThat(after.get(night.plusDays(1))).isEqualTo(before.get(night.plusDays(1)));
        assertThat(nightsOf(carol))
                .first()
                .satisfies(n -> assertThat(n.cramps()).isEqualTo(3));
    }

    @Test
    void shouldGiveTheSameNightsInBatchesSideBySide() {
        Records records = new Records(kafka);
        List<String> users = List.of(newUser(), newUser(), newUser());
        LocalDate night = LocalDate.parse("2026-05-20");
        for (String user : users) {
            records.send(session(UUID.randomUUID(), 1, user, berlin("2026-05-20T21:30")));
            records.send(session(UUID.randomUUID(), 1, user, berlin("2026-05-22T09:00")));
            records.send(entry(user, night, 1, berlin("2026-05-21T08:00")));
            records.send(entry(user, night.plusDays(1), 0, berlin("2026-05-22T08:00")));
        }
        String[] ids = users.toArray(String[]::new);
        await().atMost(WAIT).until(() -> nightsOf(ids).size() == 2 * users.size());
        List<UserNight> incremental = nightsOf(ids);
        jdbc.sql("delete from nights where user_id = any(?)").param(ids).update();
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        NightsRebuild oneUserPerBatch = new NightsRebuild(
                jdbc, transactions, locks, sessions, aggregation, new NightsRebuild.RebuildProperties(1, 2, "64MB"));

        long rebuilt = oneUserPerBatch.rebuild(progress::add).users();

        assertThat(nightsOf(ids)).isEqualTo(incremental);
        assertThat(progress).extracting(Progress::done).isSorted().endsWith(rebuilt);
        assertThat(progress).extracting(Progress::done).hasSize((int) rebuilt + 1);
    }

    private Map<LocalDate, Instant> updatedAt(String user) {
        Map<LocalDate, Instant> updated = new HashMap<>();
        jdbc.sql("select night, updated_at from nights where user_id = ?")
                .param(user)
                .query(row -> {
                    updated.put(
                            row.getObject("night", LocalDate.class),
                            row.getTimestamp("updated_at").toInstant());
                });
        return updated;
    }

    private List<UserNight> nightsOf(String... users) {
        Set<String> wanted = Set.of(users);
        return nights.all().stream().filter(n -> wanted.contains(n.userId())).toList();
    }
}
