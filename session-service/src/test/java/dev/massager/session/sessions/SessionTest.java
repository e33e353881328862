package dev.massager.session.sessions;

import static dev.massager.session.sessions.SessionMessages.DEVICE;
import static dev.massager.session.sessions.SessionMessages.FIRMWARE;
import static dev.massager.session.sessions.SessionMessages.KEY;
import static dev.massager.session.sessions.SessionMessages.SESSION;
import static dev.massager.session.sessions.SessionMessages.at;
import static dev.massager.session.sessions.SessionMessages.batches;
import static dev.massager.session.sessions.SessionMessages.ended;
import static dev.massager.session.sessions.SessionMessages.fault;
import static dev.massager.session.sessions.SessionMessages.message;
import static dev.massager.session.sessions.SessionMessages.randomSession;
import static dev.massager.session.sessions.SessionMessages.receivedAt;
import static dev.massager.session.sessions.SessionMessages.reloaded;
import static dev.massager.session.sessions.SessionMessages.rollup;
import static dev.massager.session.sessions.SessionMessages.sample;
import static dev.massager.session.sessions.SessionMessages.settings;
import static dev.massager.session.sessions.SessionMessages.shuffledWithDuplicates;
import static dev.massager.session.sessions.SessionMessages.skewed;
import static dev.massager.session.sessions.SessionMessages.started;
import static dev.massager.session.sessions.SessionMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.Fault;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.Pressure;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.session.SessionStatus;
import dev.massager.common.session.SessionSummary;
import dev.massager.session.sessions.SessionMessages.RandomSession;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Owner ALICE = new Owner("user-alice", ZoneId.of("Europe/Berlin"));
    private static final Owner BOB = new Owner("user-bob", ZoneId.of("America/New_York"));
    private static final Duration QUIET = Duration.ofMinutes(10);

    private static Session recorded(DeviceMessage... messages) {
        Session session = Session.begin(KEY);
        session.record(List.of(messages));
        return session;
    }

    private static void assertUntouched(Session session, SessionStatus status, long revision) {
        assertThat(session.status()).isEqualTo(status);
        assertThat(session.revision()).isEqualTo(revision);
        assertThat(session.changed()).isFalse();
        assertThat(session.revised()).isFalse();
    }

    @Nested
    class NewSession {

        @Test
        void shouldHaveNoRevisionBeforeAnyData() {
            Session session = Session.begin(KEY);

            assertThat(session.key()).isEqualTo(KEY);
            assertThat(session.revision()).isZero();
            assertThat(session.changed()).isFalse();
            assertThat(session.revised()).isFalse();
            assertThat(session.owner()).isNull();
        }

        @Test
        void shouldOpenWithItsFirstData() {
            Session session = recorded(started(1, 0), sample(2, 1));

            assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(session.revision()).isEqualTo(1);
            assertThat(session.revised()).isTrue();
            assertThat(session.changed()).isTrue();
        }

        @Test
        void shouldOpenWithASampleAlone() {
            Session session = recorded(sample(7, 1));

            assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(session.revision()).isEqualTo(1);
        }

        @Test
        void shouldBeEndedWhenItsFirstDataHoldsTheEnd() {
            Session session = recorded(started(1, 0), sample(2, 1), ended(3, 2, EndReason.USER));

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.revision()).isEqualTo(1);
            assertThat(session.revised()).isTrue();
            assertThat(session.rollup().endReason()).isEqualTo(EndReason.USER);
        }

        @Test
        void shouldStayAtRevisionOneWhateverItsFirstUnitOfWorkDid() {
            Session session = Session.begin(KEY);
            session.record(List.of(started(1, 0)));
            session.record(List.of(sample(2, 1)));
            session.assignOwner(ALICE);
            session.record(List.of(ended(3, 2)));
            session.closeIfQuiet(at(3600), QUIET);

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.revision()).isEqualTo(1);
        }

        @Test
        void shouldNotExistAfterAnEmptyBatch() {
            Session session = Session.begin(KEY);

            session.record(List.of());

            assertThat(session.changed()).isFalse();
            assertThat(session.revision()).isZero();
        }

        @Test
        void shouldRefuseAMessageOfAnotherSession() {
            Session session = Session.begin(KEY);
            DeviceMessage other = message(
                    new TelemetrySample(1, at(1), "s-other", Mode.WAVE, 2, Heat.LOW, new Pressure(1, 1, 1), 80));

            assertThatIllegalArgumentException().isThrownBy(() -> session.record(List.of(other)));
        }

        @Test
        void shouldRefuseAMessageOfAnotherDevice() {
            Session session = Session.begin(KEY);
            DeviceMessage mine = sample(1, 1);
            DeviceMessage other = new DeviceMessage("massager-0002", mine.payload(), mine.receivedAt(), false);

            assertThatIllegalArgumentException().isThrownBy(() -> session.record(List.of(other)));
        }

        @Test
        void shouldRefuseAFaultOutsideAnySession() {
            Session session = Session.begin(KEY);
            DeviceMessage fault = message(new Fault(1, at(1), FaultCode.LEAK, null));

            assertThatIllegalArgumentException().isThrownBy(() -> session.record(List.of(fault)));
        }

        @Test
        void shouldAcceptAFaultOfTheSession() {
            Session session = recorded(fault(1, 1, FaultCode.OVERPRESSURE));

            assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(session.revision()).isEqualTo(1);
        }
    }

    @Nested
    class StoredOpenSession {

        @Test
        void shouldGrowWithSamplesWithoutANewRevision() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0), sample(2, 1));

            session.record(List.of(sample(3, 2), sample(4, 3)));

            assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isFalse();
            assertThat(session.revision()).isEqualTo(1);
            assertThat(session.rollup().sampleCount()).isEqualTo(3);
        }

        @Test
        void shouldIgnoreADuplicateSample() {
            Session session = stored(SessionStatus.OPEN, 4, ALICE, started(1, 0), sample(2, 1));

            session.record(List.of(sample(2, 1), started(1, 0)));

            assertUntouched(session, SessionStatus.OPEN, 4);
            assertThat(session.rollup().sampleCount()).isEqualTo(1);
        }

        @Test
        void shouldEndWithANewRevisionWhenTheEndArrives() {
            Session session = stored(SessionStatus.OPEN, 2, ALICE, started(1, 0), sample(2, 1));

            session.record(List.of(sample(3, 2), ended(4, 3, EndReason.TIMER)));

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isTrue();
            assertThat(session.revision()).isEqualTo(3);
            assertThat(session.rollup().endedAt()).isEqualTo(at(3));
            assertThat(session.rollup().durationSeconds()).isEqualTo(3);
        }

        @Test
        void shouldRaiseTheRevisionOnlyOncePerUnitOfWork() {
            Session session = stored(SessionStatus.OPEN, 5, ALICE, started(1, 0), sample(2, 1));

            session.record(List.of(ended(3, 2)));
            session.record(List.of(sample(4, 3)));
            session.assignOwner(BOB);

            assertThat(session.revision()).isEqualTo(6);
        }
    }

    @Nested
    class StoredEndedSession {

        @Test
        void shouldBeAmendedByLateData() {
            Session session = stored(SessionStatus.ENDED, 3, ALICE, started(1, 0), sample(2, 1), ended(5, 10));

            session.record(List.of(sample(3, 2)));

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isTrue();
            assertThat(session.revision()).isEqualTo(4);
            assertThat(session.rollup().sampleCount()).isEqualTo(2);
            assertThat(session.rollup().endedAt()).isEqualTo(at(10));
        }

        @Test
        void shouldIgnoreDuplicates() {
            Session session = stored(SessionStatus.ENDED, 3, ALICE, started(1, 0), sample(2, 1), ended(5, 10));

            session.record(List.of(sample(2, 1), ended(5, 10)));

            assertUntouched(session, SessionStatus.ENDED, 3);
        }

        @Test
        void shouldNeverBeClosedAsIncomplete() {
            Session session = stored(SessionStatus.ENDED, 1, ALICE, started(1, 0), ended(2, 10));

            assertThat(session.closeIfQuiet(at(100_000), QUIET)).isFalse();
            assertUntouched(session, SessionStatus.ENDED, 1);
        }
    }

    @Nested
    class QuietSession {

        private final DeviceMessage last = receivedAt(sample(2, 1), at(100));

        @Test
        void shouldStayOpenBeforeTheQuietPeriodIsOver() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0), last);

            assertThat(session.closeIfQuiet(at(100).plus(QUIET).minusNanos(1), QUIET))
                    .isFalse();
            assertUntouched(session, SessionStatus.OPEN, 1);
        }

        @Test
        void shouldCloseAsIncompleteExactlyWhenTheQuietPeriodIsOver() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0), last);

            assertThat(session.closeIfQuiet(at(100).plus(QUIET), QUIET)).isTrue();

            assertThat(session.status()).isEqualTo(SessionStatus.INCOMPLETE);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isTrue();
            assertThat(session.revision()).isEqualTo(2);
        }

        @Test
        void shouldCloseAsIncompleteAfterTheQuietPeriod() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0), last);

            assertThat(session.closeIfQuiet(at(5000), QUIET)).isTrue();

            assertThat(session.status()).isEqualTo(SessionStatus.INCOMPLETE);
            assertThat(session.rollup().endedAt()).isEqualTo(at(1, 250));
            assertThat(session.rollup().endReason()).isNull();
            assertThat(session.rollup().durationSeconds()).isEqualTo(1);
        }

        @Test
        void shouldJudgeQuietByTheLatestReceiveTimeNotByDeviceTime() {
            // the latest data by device time arrived first; a backfilled older sample arrived last
            Session session = stored(
                    SessionStatus.OPEN,
                    1,
                    ALICE,
                    receivedAt(sample(3, 50), at(60)),
                    receivedAt(sample(2, 1), at(1000)));

            assertThat(session.closeIfQuiet(at(60).plus(QUIET), QUIET)).isFalse();
            assertThat(session.closeIfQuiet(at(1000).plus(QUIET), QUIET)).isTrue();
        }

        @Test
        void shouldNotCloseAnIncompleteSessionAgain() {
            Session session = reloaded(closed());

            assertThat(session.closeIfQuiet(at(100_000), QUIET)).isFalse();
            assertUntouched(session, SessionStatus.INCOMPLETE, 2);
        }

        @Test
        void shouldReopenWhenNewDataArrives() {
            Session session = reloaded(closed());

            session.record(List.of(sample(3, 2)));

            assertThat(session.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isTrue();
            assertThat(session.revision()).isEqualTo(3);
            assertThat(session.rollup().endedAt()).isNull();
        }

        @Test
        void shouldEndWhenTheLateDataHoldsTheEnd() {
            Session session = reloaded(closed());

            session.record(List.of(ended(9, 30, EndReason.POWER_LOSS)));

            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.revision()).isEqualTo(3);
            assertThat(session.rollup().endReason()).isEqualTo(EndReason.POWER_LOSS);
        }

        @Test
        void shouldStayIncompleteWhenOnlyDuplicatesArrive() {
            Session session = reloaded(closed());

            session.record(List.of(sample(2, 1), started(1, 0)));

            assertUntouched(session, SessionStatus.INCOMPLETE, 2);
        }

        @Test
        void shouldCloseAgainAfterBeingReopened() {
            Session reopened = reloaded(closed());
            reopened.record(List.of(receivedAt(sample(3, 2), at(2000))));
            Session session = reloaded(reopened);

            assertThat(session.closeIfQuiet(at(2000).plus(QUIET), QUIET)).isTrue();
            assertThat(session.revision()).isEqualTo(4);
        }

        @Test
        void shouldBeClosableInTheUnitOfWorkThatCreatedIt() {
            Session session = recorded(started(1, 0), last);

            assertThat(session.closeIfQuiet(at(5000), QUIET)).isTrue();
            assertThat(session.status()).isEqualTo(SessionStatus.INCOMPLETE);
            assertThat(session.revision()).isEqualTo(1);
        }

        /** A session closed as incomplete at revision 2. */
        private Session closed() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0), last);
            session.closeIfQuiet(at(5000), QUIET);
            return session;
        }
    }

    @Nested
    class Ownership {

        @Test
        void shouldMakeANewRevisionForADifferentOwner() {
            Session session = stored(SessionStatus.ENDED, 2, ALICE, started(1, 0), ended(2, 10));

            session.assignOwner(BOB);

            assertThat(session.owner()).isEqualTo(BOB);
            assertThat(session.changed()).isTrue();
            assertThat(session.revised()).isTrue();
            assertThat(session.revision()).isEqualTo(3);
        }

        @Test
        void shouldMakeANewRevisionForAFirstOwner() {
            Session session = stored(SessionStatus.OPEN, 1, null, started(1, 0));

            session.assignOwner(ALICE);

            assertThat(session.revision()).isEqualTo(2);
            assertThat(session.revised()).isTrue();
        }

        @Test
        void shouldMakeANewRevisionWhenTheOwnerIsRemoved() {
            Session session = stored(SessionStatus.OPEN, 1, ALICE, started(1, 0));

            session.assignOwner(null);

            assertThat(session.owner()).isNull();
            assertThat(session.revision()).isEqualTo(2);
        }

        @Test
        void shouldChangeNothingForTheSameOwner() {
            Session session = stored(SessionStatus.ENDED, 2, ALICE, started(1, 0), ended(2, 10));

            session.assignOwner(new Owner("user-alice", ZoneId.of("Europe/Berlin")));
            assertUntouched(session, SessionStatus.ENDED, 2);

            Session unowned = stored(SessionStatus.ENDED, 2, null, started(1, 0), ended(2, 10));
            unowned.assignOwner(null);
            assertUntouched(unowned, SessionStatus.ENDED, 2);
        }

        @Test
        void shouldTakeAnotherTimeZoneOfTheSameUserForAnotherOwner() {
            Session session = stored(SessionStatus.ENDED, 2, ALICE, started(1, 0), ended(2, 10));

            session.assignOwner(new Owner("user-alice", ZoneId.of("Asia/Tokyo")));

            assertThat(session.revision()).isEqualTo(3);
        }

        @Test
        void shouldNotRaiseTheFirstRevisionForAnOwnerOfANewSession() {
            Session session = Session.begin(KEY);

            session.assignOwner(ALICE);
            session.record(List.of(sample(1, 1)));

            assertThat(session.changed()).isTrue();
            assertThat(session.revision()).isEqualTo(1);
        }

        @Test
        void shouldAttributeTheSessionToItsStartInDeviceTime() {
            Session session = recorded(sample(2, 1), started(1, 0));

            assertThat(session.attributedAt()).isEqualTo(at(0));
        }

        @Test
        void shouldAttributeTheSessionToItsFirstReceiveTimeWhenTheClockIsOff() {
            Instant received = Instant.parse("2026-11-22T08:00:00Z");
            Session session = recorded(
                    receivedAt(skewed(started(1, 0)), received), receivedAt(sample(2, 1), received.plusSeconds(1)));

            assertThat(session.attributedAt()).isEqualTo(received);
            assertThat(session.firstReceivedAt()).isEqualTo(received);
            assertThat(session.lastReceivedAt()).isEqualTo(received.plusSeconds(1));
        }

        @Test
        void shouldRefuseAStoredSessionWithoutARevision() {
            SessionAccumulator.Snapshot snapshot = recorded(sample(1, 1)).snapshot();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Session.restore(KEY, snapshot, SessionStatus.OPEN, 0, ALICE));
        }
    }

    @Nested
    class Summary {

        @Test
        void shouldHaveNoSummaryWithoutAnOwner() {
            Session session = recorded(started(1, 0), sample(2, 1));

            assertThatIllegalStateException().isThrownBy(session::summary);
        }

        @Test
        void shouldSummariseAnEndedSession() {
            Session session = recorded(
                    started(1, 0, Mode.WAVE, 2, Heat.LOW, FIRMWARE),
                    sample(2, 1, Mode.WAVE, 2, Heat.LOW, 40, 50, 60),
                    settings(3, 1, Mode.FULL, 3, null),
                    sample(4, 2, Mode.FULL, 3, Heat.LOW, 60, 70, 80),
                    ended(5, 3, EndReason.TIMER));
            session.assignOwner(ALICE);

            SessionSummary summary = session.summary();

            assertThat(summary.sessionId()).isEqualTo(KEY.sessionId());
            assertThat(summary.revision()).isEqualTo(1);
            assertThat(summary.userId()).isEqualTo("user-alice");
            assertThat(summary.deviceId()).isEqualTo(DEVICE);
            assertThat(summary.deviceSessionId()).isEqualTo(SESSION);
            assertThat(summary.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(summary.startedAt()).isEqualTo(at(0));
            assertThat(summary.endedAt()).isEqualTo(at(3));
            assertThat(summary.endReason()).isEqualTo(EndReason.TIMER);
            assertThat(summary.durationSeconds()).isEqualTo(3);
            assertThat(summary.secondsIn(Mode.WAVE)).isEqualTo(1);
            assertThat(summary.secondsIn(Mode.FULL)).isEqualTo(1);
            assertThat(summary.secondsIn(Mode.SEQUENTIAL)).isZero();
            assertThat(summary.intensities()).containsExactly(2, 3);
            assertThat(summary.heats()).containsExactly(Heat.LOW);
            assertThat(summary.pressure().foot().mean()).isEqualTo(50.0);
            assertThat(summary.pressure().thigh().max()).isEqualTo(80);
            assertThat(summary.sampleCount()).isEqualTo(2);
            assertThat(summary.gapCount()).isZero();
            assertThat(summary.gapSeconds()).isZero();
            assertThat(summary.firmware()).isEqualTo(FIRMWARE);
            assertThat(summary.clockSkew()).isFalse();
            assertThat(summary.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        }

        @Test
        void shouldSummariseAnOpenSessionWithoutAnEnd() {
            Session session = stored(SessionStatus.OPEN, 1, BOB, sample(2, 1), sample(3, 5));
            session.record(List.of(sample(4, 6)));

            SessionSummary summary = session.summary();

            assertThat(summary.status()).isEqualTo(SessionStatus.OPEN);
            assertThat(summary.revision()).isEqualTo(1);
            assertThat(summary.endedAt()).isNull();
            assertThat(summary.endReason()).isNull();
            assertThat(summary.durationSeconds()).isEqualTo(5);
            assertThat(summary.gapCount()).isEqualTo(1);
            assertThat(summary.gapSeconds()).isEqualTo(3);
            assertThat(summary.firmware()).isNull();
        }

        @Test
        void shouldSummariseAnIncompleteSession() {
            Session session = stored(SessionStatus.OPEN, 1, BOB, started(1, 0), skewed(sample(2, 1)));
            session.closeIfQuiet(at(3600), QUIET);

            SessionSummary summary = session.summary();

            assertThat(summary.status()).isEqualTo(SessionStatus.INCOMPLETE);
            assertThat(summary.revision()).isEqualTo(2);
            assertThat(summary.endedAt()).isEqualTo(at(1, 250));
            assertThat(summary.endReason()).isNull();
            assertThat(summary.clockSkew()).isTrue();
        }

        @Test
        void shouldSummariseASessionWithoutSamples() {
            Session session = recorded(started(1, 0), ended(2, 600, EndReason.FAULT));
            session.assignOwner(ALICE);

            SessionSummary summary = session.summary();

            assertThat(summary.sampleCount()).isZero();
            assertThat(summary.secondsByMode()).isEmpty();
            assertThat(summary.durationSeconds()).isEqualTo(600);
        }

        @Test
        void shouldSummariseRandomSessionsInEveryStatus() {
            Random random = new Random(1121);
            for (int round = 0; round < 100; round++) {
                RandomSession generated = randomSession(random);
                Session session = recorded(generated.messages().toArray(DeviceMessage[]::new));
                session.assignOwner(ALICE);
                session.closeIfQuiet(at(1_000_000), QUIET);

                SessionSummary summary = session.summary();

                assertThat(summary.sessionId()).isEqualTo(KEY.sessionId());
                assertThat(summary.status())
                        .isEqualTo(
                                generated.status() == SessionStatus.ENDED
                                        ? SessionStatus.ENDED
                                        : SessionStatus.INCOMPLETE);
                assertThat(summary.sampleCount()).isEqualTo(session.rollup().sampleCount());
            }
        }
    }

    @Nested
    class OrderIndependence {

        @Test
        void shouldBuildTheSameSessionFromAnyOrderAndBatchingWithDuplicates() {
            Random random = new Random(20261121);
            for (int round = 0; round < 200; round++) {
                RandomSession generated = randomSession(random);
                Session inOrder = recorded(generated.messages().toArray(DeviceMessage[]::new));
                for (int permutation = 0; permutation < 3; permutation++) {
                    List<DeviceMessage> shuffled = shuffledWithDuplicates(generated.messages(), random);
                    Session session = Session.begin(KEY);
                    for (List<DeviceMessage> batch : batches(shuffled, random)) {
                        session.record(batch);
                        if (session.revision() > 0) {
                            session = reloaded(session);
                        }
                    }

                    assertThat(session.status())
                            .as("round %d, permutation %d", round, permutation)
                            .isEqualTo(generated.status())
                            .isEqualTo(inOrder.status());
                    assertThat(session.rollup())
                            .as("round %d, permutation %d", round, permutation)
                            .isEqualTo(inOrder.rollup())
                            .isEqualTo(rollup(generated.messages(), generated.status()));
                    assertThat(session.revision()).isBetween(1L, 5L);
                }
            }
        }
    }
}
