package dev.massager.analytics.rebuild;

import static dev.massager.analytics.support.Records.berlin;
import static dev.massager.analytics.support.Records.entry;
import static dev.massager.analytics.support.Records.newUser;
import static dev.massager.analytics.support.Records.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.massager.analytics.AnalyticsIntegrationTest;
import dev.massager.analytics.aggregate.UserNight;
import dev.massager.analytics.aggregate.UserNights;
import dev.massager.analytics.support.Records;
import dev.massager.common.diary.CrampNight;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

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

        long users = rebuild.rebuild(progress::add);

        assertThat(nightsOf(alice, bob)).isEqualTo(incremental);
        assertThat(users).isGreaterThanOrEqualTo(2);
        assertThat(progress.get(progress.size() - 1)).satisfies(last -> {
            assertThat(last.done()).isEqualTo(users);
            assertThat(last.total()).isEqualTo(users);
        });
    }

    private List<UserNight> nightsOf(String... users) {
        Set<String> wanted = Set.of(users);
        return nights.all().stream().filter(n -> wanted.contains(n.userId())).toList();
    }
}
