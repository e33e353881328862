package dev.massager.session.sessions;

import static dev.massager.session.sessions.SessionMessages.FIRMWARE;
import static dev.massager.session.sessions.SessionMessages.T0;
import static dev.massager.session.sessions.SessionMessages.at;
import static dev.massager.session.sessions.SessionMessages.batches;
import static dev.massager.session.sessions.SessionMessages.ended;
import static dev.massager.session.sessions.SessionMessages.fault;
import static dev.massager.session.sessions.SessionMessages.fold;
import static dev.massager.session.sessions.SessionMessages.randomSession;
import static dev.massager.session.sessions.SessionMessages.receivedAt;
import static dev.massager.session.sessions.SessionMessages.rollup;
import static dev.massager.session.sessions.SessionMessages.sample;
import static dev.massager.session.sessions.SessionMessages.sampleAt;
import static dev.massager.session.sessions.SessionMessages.settings;
import static dev.massager.session.sessions.SessionMessages.shuffledWithDuplicates;
import static dev.massager.session.sessions.SessionMessages.skewed;
import static dev.massager.session.sessions.SessionMessages.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import dev.massager.common.device.EndReason;
import dev.massager.common.device.FaultCode;
import dev.massager.common.device.Heat;
import dev.massager.common.device.Mode;
import dev.massager.common.device.SessionEnded;
import dev.massager.common.device.SessionStarted;
import dev.massager.common.device.SettingsChanged;
import dev.massager.common.device.TelemetrySample;
import dev.massager.common.session.ChamberStats;
import dev.massager.common.session.PressureStats;
import dev.massager.common.session.SessionStatus;
import dev.massager.session.sessions.SessionMessages.RandomSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SessionAccumulatorTest {

    private static final long SEED = 381;

    /** The roll-ups of {@code messages}, computed the slow and obvious way from DESIGN §5. */
    static Rollup expectedRollup(List<DeviceMessage> messages, SessionStatus status) {
        SessionStarted start = null;
        SessionEnded end = null;
        Instant firstTs = null;
        Instant lastTs = null;
        Map<Mode, Long> byMode = new EnumMap<>(Mode.class);
        Set<Integer> intensities = new TreeSet<>();
        Set<Heat> heats = EnumSet.noneOf(Heat.class);
        long[] sums = new long[3];
        int[] max = new int[3];
        long samples = 0;
        TreeSet<Long> covered = new TreeSet<>();
        boolean skew = false;
        for (DeviceMessage message : messages) {
            firstTs = firstTs == null || message.ts().isBefore(firstTs) ? message.ts() : firstTs;
            lastTs = lastTs == null || message.ts().isAfter(lastTs) ? message.ts() : lastTs;
            skew |= message.clockSkew();
            Object payload = message.payload();
            if (payload instanceof TelemetrySample sample) {
                samples++;
                byMode.merge(sample.mode(), 1L, Long::sum);
                intensities.add(sample.intensity());
                heats.add(sample.heat());
                int[] pressures = {
                    sample.pressure().foot(),
                    sample.pressure().calf(),
                    sample.pressure().thigh()
                };
                for (int i = 0; i < 3; i++) {
                    sums[i] += pressures[i];
                    max[i] = Math.max(max[i], pressures[i]);
                }
                covered.add(sample.ts().getEpochSecond());
            } else if (payload instanceof SessionStarted started) {
                start = start == null || started.seq() < start.seq() ? started : start;
                intensities.add(started.intensity());
                heats.add(started.heat());
            } else if (payload instanceof SettingsChanged changed) {
                if (changed.intensity() != null) {
                    intensities.add(changed.intensity());
                }
                if (changed.heat() != null) {
                    heats.add(changed.heat());
                }
            } else if (payload instanceof SessionEnded ended) {
                end = end == null || ended.seq() < end.seq() ? ended : end;
            }
        }
        Instant startedAt = start != null ? start.ts() : firstTs;
        Instant endedAt = switch (status) {
            case OPEN -> null;
            case ENDED -> end.ts();
            case INCOMPLETE -> lastTs;
        };
        Instant until = endedAt != null ? endedAt : lastTs;
        until = until.isBefore(startedAt) ? startedAt : until;
        int gapCount = 0;
        long gapSeconds = 0;
        long run = 0;
        for (long second = startedAt.getEpochSecond(); second <= until.getEpochSecond() + 1; second++) {
            if (second <= until.getEpochSecond() && !covered.contains(second)) {
                run++;
            } else {
                if (run >= 2) {
                    gapCount++;
                    gapSeconds += run;
                }
                run = 0;
            }
        }
        long count = samples;
        ChamberStats[] chambers = new ChamberStats[3];
        for (int i = 0; i < 3; i++) {
            chambers[i] = count == 0 ? ChamberStats.NONE : new ChamberStats((double) sums[i] / count, max[i]);
        }
        return new Rollup(
                startedAt,
                endedAt,
                status == SessionStatus.ENDED ? end.reason() : null,
                Duration.between(startedAt, until).toSeconds(),
                Map.copyOf(byMode),
                Set.copyOf(intensities),
                Set.copyOf(heats),
                new PressureStats(chambers[0], chambers[1], chambers[2]),
                samples,
                gapCount,
                gapSeconds,
                start != null ? start.fw() : null,
                skew);
    }

    /** The snapshot's contents in a form with value equality (its arrays and hash sets have none). */
    static List<Object> contents(SessionAccumulator.Snapshot snapshot) {
        return Arrays.asList(
                Arrays.toString(snapshot.seqs()),
                Arrays.toString(snapshot.seconds()),
                snapshot.start(),
                snapshot.end(),
                snapshot.firstTs(),
                snapshot.lastTs(),
                snapshot.samples(),
                new TreeMap<>(snapshot.samplesByMode()),
                new TreeSet<>(snapshot.intensities()),
                new TreeSet<>(snapshot.heats()),
                Arrays.toString(snapshot.pressureSums()),
                Arrays.toString(snapshot.pressureMax()),
                snapshot.clockSkew(),
                snapshot.firstReceivedAt(),
                snapshot.lastReceivedAt());
    }

    private static List<SessionStatus> statusesFor(RandomSession session) {
        return session.status() == SessionStatus.ENDED
                ? List.of(SessionStatus.ENDED, SessionStatus.OPEN, SessionStatus.INCOMPLETE)
                : List.of(SessionStatus.OPEN, SessionStatus.INCOMPLETE);
    }

    @Nested
    class Duplicates {

        @Test
        void shouldReportANewMessageAsAdded() {
            assertThat(new SessionAccumulator().add(sample(1, 1))).isTrue();
        }

        @Test
        void shouldIgnoreADuplicateSample() {
            SessionAccumulator accumulator = fold(List.of(started(1, 0), sample(2, 1), sample(3, 2)));
            List<Object> before = contents(accumulator.snapshot());

            assertThat(accumulator.add(sample(2, 1))).isFalse();
            assertThat(contents(accumulator.snapshot())).isEqualTo(before);
            assertThat(accumulator.rollup(SessionStatus.OPEN).sampleCount()).isEqualTo(2);
        }

        @Test
        void shouldIgnoreADuplicateEvent() {
            SessionAccumulator accumulator = fold(List.of(started(1, 0), sample(2, 1), ended(3, 2)));
            List<Object> before = contents(accumulator.snapshot());

            assertThat(accumulator.add(started(1, 0))).isFalse();
            assertThat(accumulator.add(ended(3, 2))).isFalse();
            assertThat(contents(accumulator.snapshot())).isEqualTo(before);
        }

        @Test
        void shouldIgnoreAnythingElseCarryingASeqAlreadySeen() {
            // (deviceId, seq) identifies a message: what comes again under the same seq is the same message.
            SessionAccumulator accumulator = fold(List.of(started(1, 0), sample(2, 1)));

            assertThat(accumulator.add(sample(2, 5, Mode.FULL, 3, Heat.HIGH, 200, 200, 200)))
                    .isFalse();
            assertThat(accumulator.add(skewed(receivedAt(sample(2, 1), at(3600)))))
                    .isFalse();

            Rollup rollup = accumulator.rollup(SessionStatus.OPEN);
            assertThat(rollup.secondsByMode()).containsExactly(Map.entry(Mode.WAVE, 1L));
            assertThat(rollup.clockSkew()).isFalse();
            assertThat(accumulator.lastReceivedAt()).isEqualTo(sample(2, 1).receivedAt());
        }

        @Test
        void shouldIgnoreADuplicateWithinTheSameBatchOfAdds() {
            Rollup once = rollup(List.of(sample(1, 1), sample(2, 2)), SessionStatus.OPEN);
            Rollup twice = rollup(List.of(sample(1, 1), sample(1, 1), sample(2, 2), sample(2, 2)), SessionStatus.OPEN);

            assertThat(twice).isEqualTo(once);
        }
    }

    @Nested
    class Timing {

        @Test
        void shouldRefuseARollupBeforeAnyMessage() {
            SessionAccumulator accumulator = new SessionAccumulator();

            assertThat(accumulator.isEmpty()).isTrue();
            assertThatIllegalStateException().isThrownBy(() -> accumulator.rollup(SessionStatus.OPEN));
        }

        @Test
        void shouldMeasureAnEndedSessionFromItsStartEventToItsEndEvent() {
            Rollup rollup = rollup(
                    List.of(started(1, 0), sample(2, 1), sample(3, 2), ended(4, 900, EndReason.USER)),
                    SessionStatus.ENDED);

            assertThat(rollup.startedAt()).isEqualTo(at(0));
            assertThat(rollup.endedAt()).isEqualTo(at(900));
            assertThat(rollup.durationSeconds()).isEqualTo(900);
            assertThat(rollup.endReason()).isEqualTo(EndReason.USER);
        }

        @Test
        void shouldStartAtTheEarliestMessageWhenTheStartEventIsMissing() {
            Rollup rollup =
                    rollup(List.of(sample(5, 7), sample(3, 4), sample(4, 5), ended(6, 10)), SessionStatus.ENDED);

            assertThat(rollup.startedAt()).isEqualTo(at(4, 250));
            assertThat(rollup.durationSeconds()).isEqualTo(5); // 4.25 s to 10 s, whole seconds
            assertThat(rollup.firmware()).isNull();
        }

        @Test
        void shouldStartAtTheEarliestMessageOfAnyKindWhenTheStartEventIsMissing() {
            Rollup rollup = rollup(
                    List.of(sample(5, 7), settings(2, 3, Mode.FULL, null, null), fault(1, 2, FaultCode.PUMP)),
                    SessionStatus.OPEN);

            assertThat(rollup.startedAt()).isEqualTo(at(2, 500));
        }

        @Test
        void shouldStartAtTheStartEventEvenWhenASampleIsEarlier() {
            Rollup rollup = rollup(List.of(sample(1, 3), started(2, 5), sample(3, 6)), SessionStatus.OPEN);

            assertThat(rollup.startedAt()).isEqualTo(at(5));
        }

        @Test
        void shouldRunAnOpenSessionToTheLatestMessageWithoutAnEnd() {
            Rollup rollup =
                    rollup(List.of(started(1, 0), sample(2, 1), sample(4, 61), sample(3, 2)), SessionStatus.OPEN);

            assertThat(rollup.endedAt()).isNull();
            assertThat(rollup.endReason()).isNull();
            assertThat(rollup.durationSeconds()).isEqualTo(61);
        }

        @Test
        void shouldLeaveAnOpenSessionWithoutAnEndEvenWhenAnEndEventArrived() {
            Rollup rollup = rollup(List.of(started(1, 0), sample(2, 1), ended(3, 30)), SessionStatus.OPEN);

            assertThat(rollup.endedAt()).isNull();
            assertThat(rollup.endReason()).isNull();
            assertThat(rollup.durationSeconds()).isEqualTo(30);
        }

        @Test
        void shouldEndAnIncompleteSessionAtItsLatestMessage() {
            Rollup rollup = rollup(
                    List.of(started(1, 0), sample(2, 1), sample(3, 42), sample(4, 20)), SessionStatus.INCOMPLETE);

            assertThat(rollup.endedAt()).isEqualTo(at(42, 250));
            assertThat(rollup.endReason()).isNull();
            assertThat(rollup.durationSeconds()).isEqualTo(42);
        }

        @Test
        void shouldGiveNoEndReasonUnlessEnded() {
            List<DeviceMessage> messages = List.of(started(1, 0), ended(2, 10, EndReason.BATTERY));

            assertThat(rollup(messages, SessionStatus.ENDED).endReason()).isEqualTo(EndReason.BATTERY);
            assertThat(rollup(messages, SessionStatus.INCOMPLETE).endReason()).isNull();
            assertThat(rollup(messages, SessionStatus.OPEN).endReason()).isNull();
        }

        @Test
        void shouldNeverGiveANegativeDurationWhenTheClockJumpedBack() {
            Rollup rollup = rollup(List.of(started(1, 100), sample(2, 50), ended(3, 60)), SessionStatus.ENDED);

            assertThat(rollup.durationSeconds()).isZero();
            assertThat(rollup.endedAt()).isEqualTo(at(60));
            assertThat(rollup.gapCount()).isZero();
        }

        @Test
        void shouldCountTheLowerSeqOfTwoStartEvents() {
            DeviceMessage first = started(10, 5, Mode.WAVE, 1, Heat.OFF, "2.3.1");
            DeviceMessage second = started(12, 0, Mode.FULL, 3, Heat.HIGH, "2.4.0");

            for (List<DeviceMessage> messages : List.of(List.of(first, second), List.of(second, first))) {
                Rollup rollup = rollup(messages, SessionStatus.OPEN);

                assertThat(rollup.startedAt()).isEqualTo(at(5));
                assertThat(rollup.firmware()).isEqualTo("2.3.1");
            }
        }

        @Test
        void shouldCountTheLowerSeqOfTwoEndEvents() {
            DeviceMessage first = ended(20, 100, EndReason.FAULT);
            DeviceMessage second = ended(21, 90, EndReason.USER);

            for (List<DeviceMessage> messages :
                    List.of(List.of(started(1, 0), first, second), List.of(second, started(1, 0), first))) {
                Rollup rollup = rollup(messages, SessionStatus.ENDED);

                assertThat(rollup.endedAt()).isEqualTo(at(100));
                assertThat(rollup.endReason()).isEqualTo(EndReason.FAULT);
                assertThat(rollup.durationSeconds()).isEqualTo(100);
            }
        }

        @Test
        void shouldKeepTheFirstAndLastReceiveTimes() {
            SessionAccumulator accumulator = fold(List.of(
                    receivedAt(sample(2, 1), at(500)),
                    receivedAt(sample(1, 0), at(400)),
                    receivedAt(sample(3, 2), at(450))));

            assertThat(accumulator.firstReceivedAt()).isEqualTo(at(400));
            assertThat(accumulator.lastReceivedAt()).isEqualTo(at(500));
        }
    }

    @Nested
    class Settings {

        @Test
        void shouldCountOneSecondPerSampleInEachMode() {
            Rollup rollup = rollup(
                    List.of(
                            started(1, 0, Mode.WAVE, 2, Heat.LOW, FIRMWARE),
                            sample(2, 1, Mode.WAVE, 2, Heat.LOW, 1, 1, 1),
                            sample(3, 2, Mode.WAVE, 2, Heat.LOW, 1, 1, 1),
                            settings(4, 2, Mode.FULL, null, null),
                            sample(5, 3, Mode.FULL, 2, Heat.LOW, 1, 1, 1)),
                    SessionStatus.OPEN);

            assertThat(rollup.secondsByMode()).containsOnly(Map.entry(Mode.WAVE, 2L), Map.entry(Mode.FULL, 1L));
            assertThat(rollup.sampleCount()).isEqualTo(3);
        }

        @Test
        void shouldNotCountAModeThatHadNoSamples() {
            Rollup rollup = rollup(
                    List.of(
                            started(1, 0, Mode.SEQUENTIAL, 2, Heat.LOW, FIRMWARE),
                            settings(2, 1, Mode.FULL, null, null),
                            sample(3, 2, Mode.FULL, 2, Heat.LOW, 1, 1, 1)),
                    SessionStatus.OPEN);

            assertThat(rollup.secondsByMode()).containsOnly(Map.entry(Mode.FULL, 1L));
        }

        @Test
        void shouldUniteTheIntensitiesAndHeatsOfTheStartTheChangesAndTheSamples() {
            Rollup rollup = rollup(
                    List.of(
                            started(1, 0, Mode.WAVE, 1, Heat.OFF, FIRMWARE),
                            settings(2, 1, null, 2, null),
                            settings(3, 2, null, null, Heat.LOW),
                            sample(4, 3, Mode.WAVE, 3, Heat.HIGH, 1, 1, 1)),
                    SessionStatus.OPEN);

            assertThat(rollup.intensities()).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(rollup.heats()).containsExactlyInAnyOrder(Heat.OFF, Heat.LOW, Heat.HIGH);
        }

        @Test
        void shouldTakeTheSettingsOfTheStartEventAloneWhenThereIsNothingElse() {
            Rollup rollup = rollup(List.of(started(1, 0, Mode.WAVE, 3, Heat.HIGH, FIRMWARE)), SessionStatus.OPEN);

            assertThat(rollup.intensities()).containsExactly(3);
            assertThat(rollup.heats()).containsExactly(Heat.HIGH);
            assertThat(rollup.secondsByMode()).isEmpty();
            assertThat(rollup.sampleCount()).isZero();
            assertThat(rollup.durationSeconds()).isZero();
        }

        @Test
        void shouldTakeTheFirmwareFromTheStartEvent() {
            assertThat(rollup(List.of(started(1, 0, Mode.WAVE, 1, Heat.OFF, "2.4.0-rc.1+b7")), SessionStatus.OPEN)
                            .firmware())
                    .isEqualTo("2.4.0-rc.1+b7");
        }

        @Test
        void shouldFlagClockSkewWhenAnyMessageWasFlagged() {
            assertThat(rollup(List.of(sample(1, 1), sample(2, 2)), SessionStatus.OPEN)
                            .clockSkew())
                    .isFalse();
            assertThat(rollup(List.of(sample(1, 1), skewed(sample(2, 2))), SessionStatus.OPEN)
                            .clockSkew())
                    .isTrue();
            assertThat(rollup(List.of(skewed(ended(3, 3)), sample(1, 1)), SessionStatus.OPEN)
                            .clockSkew())
                    .isTrue();
        }

        @Test
        void shouldCountAFaultOnlyAsAMessageOfTheSession() {
            Rollup without = rollup(List.of(started(1, 0), sample(2, 1), sample(4, 2)), SessionStatus.OPEN);
            Rollup with = rollup(
                    List.of(started(1, 0), sample(2, 1), fault(3, 1, FaultCode.OVERHEAT), sample(4, 2)),
                    SessionStatus.OPEN);

            assertThat(with).isEqualTo(without);
        }
    }

    @Nested
    class Pressures {

        @Test
        void shouldAverageAndMaximiseEachChamberOverTheSamples() {
            Rollup rollup = rollup(
                    List.of(
                            sample(1, 1, Mode.WAVE, 2, Heat.LOW, 40, 50, 250),
                            sample(2, 2, Mode.WAVE, 2, Heat.LOW, 41, 0, 0),
                            sample(3, 3, Mode.WAVE, 2, Heat.LOW, 42, 100, 0)),
                    SessionStatus.OPEN);

            assertThat(rollup.pressure().foot().mean()).isCloseTo(41.0, within(1e-9));
            assertThat(rollup.pressure().foot().max()).isEqualTo(42);
            assertThat(rollup.pressure().calf().mean()).isCloseTo(50.0, within(1e-9));
            assertThat(rollup.pressure().calf().max()).isEqualTo(100);
            assertThat(rollup.pressure().thigh().mean()).isCloseTo(250.0 / 3, within(1e-9));
            assertThat(rollup.pressure().thigh().max()).isEqualTo(250);
        }

        @Test
        void shouldGiveNoPressureWithoutSamples() {
            Rollup rollup = rollup(List.of(started(1, 0), ended(2, 600)), SessionStatus.ENDED);

            assertThat(rollup.pressure()).isEqualTo(PressureStats.NONE);
            assertThat(rollup.pressure().foot()).isEqualTo(ChamberStats.NONE);
            assertThat(rollup.sampleCount()).isZero();
        }

        @Test
        void shouldNotLetEventsWeighOnTheMean() {
            Rollup rollup = rollup(
                    List.of(
                            started(1, 0),
                            sample(2, 1, Mode.WAVE, 2, Heat.LOW, 100, 100, 100),
                            settings(3, 1, null, 3, null),
                            ended(4, 2)),
                    SessionStatus.ENDED);

            assertThat(rollup.pressure().foot()).isEqualTo(new ChamberStats(100, 100));
        }

        @Test
        void shouldAverageALongSessionAtFullPressureWithoutOverflow() {
            List<DeviceMessage> messages = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                messages.add(sample(i, i, Mode.FULL, 3, Heat.HIGH, 250, 250, 250));
            }

            Rollup rollup = rollup(messages, SessionStatus.OPEN);

            assertThat(rollup.pressure().thigh()).isEqualTo(new ChamberStats(250, 250));
        }
    }

    @Nested
    class Gaps {

        private static List<DeviceMessage> samplesAt(long firstSeq, long... seconds) {
            List<DeviceMessage> messages = new ArrayList<>();
            for (int i = 0; i < seconds.length; i++) {
                messages.add(sample(firstSeq + i, seconds[i]));
            }
            return messages;
        }

        private static Rollup withStartAndEnd(long endSecond, long... sampleSeconds) {
            List<DeviceMessage> messages = new ArrayList<>(samplesAt(2, sampleSeconds));
            messages.add(started(1, 0));
            messages.add(ended(1000, endSecond));
            return rollup(messages, SessionStatus.ENDED);
        }

        @Test
        void shouldFindNoGapInSamplesEverySecond() {
            Rollup rollup = withStartAndEnd(6, 1, 2, 3, 4, 5);

            assertThat(rollup.gapCount()).isZero();
            assertThat(rollup.gapSeconds()).isZero();
        }

        @Test
        void shouldTakeAOneSecondHoleForJitter() {
            Rollup rollup = withStartAndEnd(10, 1, 2, 4, 5, 7, 9);

            assertThat(rollup.gapCount()).isZero();
            assertThat(rollup.gapSeconds()).isZero();
        }

        @Test
        void shouldCountTwoMissingSecondsAsAGap() {
            Rollup rollup = withStartAndEnd(7, 1, 2, 5, 6);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(2);
        }

        @Test
        void shouldAddUpSeveralGaps() {
            Rollup rollup = withStartAndEnd(40, 1, 2, 5, 6, 7, 20, 21, 23, 39);

            // 3..4 (2), 8..19 (12), 22 (jitter), 24..38 (15)
            assertThat(rollup.gapCount()).isEqualTo(3);
            assertThat(rollup.gapSeconds()).isEqualTo(29);
        }

        @Test
        void shouldCountAGapRightAfterTheStart() {
            Rollup rollup = withStartAndEnd(6, 3, 4, 5);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(3); // seconds 0, 1 and 2
        }

        @Test
        void shouldCountAGapRightBeforeTheEnd() {
            Rollup rollup = withStartAndEnd(6, 1, 2, 3);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(3); // seconds 4, 5 and 6
        }

        @Test
        void shouldCountAWholeSessionWithoutSamplesAsOneGap() {
            Rollup rollup = withStartAndEnd(600);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(601);
        }

        @Test
        void shouldNotCountSamplesOutsideTheSessionAsCover() {
            // samples stamped before the start and after the end leave the session's own seconds uncovered
            Rollup rollup = withStartAndEnd(5, -3, -2, -1, 1, 2, 3, 8, 9);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(2); // seconds 4 and 5
        }

        @Test
        void shouldLookForGapsUpToTheLatestMessageWhileOpen() {
            Rollup rollup =
                    rollup(List.of(started(1, 0), sample(2, 1), sample(3, 2), sample(4, 10)), SessionStatus.OPEN);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(7);
        }

        @Test
        void shouldLookForGapsUpToTheLatestMessageWhenIncomplete() {
            Rollup rollup = rollup(
                    List.of(started(1, 0), sample(2, 1), sample(3, 2), settings(4, 9, null, 1, null)),
                    SessionStatus.INCOMPLETE);

            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(7); // seconds 3 to 9
        }

        @Test
        void shouldCountCoveredSecondsNotSamples() {
            // two samples in one second do not cover the next one
            Rollup rollup = rollup(
                    List.of(
                            started(1, 0),
                            sampleAt(2, at(1, 100)),
                            sampleAt(3, at(1, 900)),
                            sampleAt(4, at(2, 0)),
                            sampleAt(5, at(5, 0)),
                            ended(6, 6)),
                    SessionStatus.ENDED);

            assertThat(rollup.sampleCount()).isEqualTo(4);
            assertThat(rollup.gapCount()).isEqualTo(1);
            assertThat(rollup.gapSeconds()).isEqualTo(2);
        }

        @Test
        void shouldMeasureGapsInEpochSecondsOfTheStartAndEnd() {
            // a start late in its second and samples early in theirs: second 0 is the start's own
            Rollup rollup = rollup(
                    List.of(
                            message(new SessionStarted(1, at(0, 999), "s-000381", Mode.WAVE, 2, Heat.LOW, 10, "1.0")),
                            sampleAt(2, at(1, 1)),
                            sampleAt(3, at(2, 1)),
                            message(new SessionEnded(4, at(3, 999), "s-000381", EndReason.USER))),
                    SessionStatus.ENDED);

            assertThat(rollup.durationSeconds()).isEqualTo(3);
            assertThat(rollup.gapCount()).isZero();
        }

        private static DeviceMessage message(Object payload) {
            return SessionMessages.message(payload);
        }
    }

    @Nested
    class OrderIndependence {

        @Test
        void shouldComputeTheDesignedRollupsOfRandomSessions() {
            Random random = new Random(SEED);
            for (int round = 0; round < 300; round++) {
                RandomSession session = randomSession(random);
                for (SessionStatus status : statusesFor(session)) {
                    assertThat(rollup(session.messages(), status))
                            .as("round %d, %s", round, status)
                            .isEqualTo(expectedRollup(session.messages(), status));
                }
            }
        }

        @Test
        void shouldGiveTheSameStateForTheSameMessagesInAnyOrderWithDuplicates() {
            Random random = new Random(SEED + 1);
            for (int round = 0; round < 300; round++) {
                RandomSession session = randomSession(random);
                SessionAccumulator ordered = fold(session.messages());
                for (int permutation = 0; permutation < 5; permutation++) {
                    SessionAccumulator shuffled = fold(shuffledWithDuplicates(session.messages(), random));

                    assertThat(contents(shuffled.snapshot()))
                            .as("round %d, permutation %d", round, permutation)
                            .isEqualTo(contents(ordered.snapshot()));
                    for (SessionStatus status : statusesFor(session)) {
                        assertThat(shuffled.rollup(status))
                                .as("round %d, permutation %d, %s", round, permutation, status)
                                .isEqualTo(ordered.rollup(status));
                    }
                }
            }
        }

        @Test
        void shouldGiveTheSameRollupsForTheMessagesInReverseOrder() {
            Random random = new Random(SEED + 2);
            for (int round = 0; round < 100; round++) {
                RandomSession session = randomSession(random);
                List<DeviceMessage> reversed = new ArrayList<>(session.messages());
                reversed.sort(Comparator.comparingLong(DeviceMessage::seq).reversed());

                assertThat(rollup(reversed, session.status())).isEqualTo(rollup(session.messages(), session.status()));
            }
        }

        @Test
        void shouldReportEachMessageAsAddedExactlyOnce() {
            Random random = new Random(SEED + 3);
            for (int round = 0; round < 100; round++) {
                RandomSession session = randomSession(random);
                SessionAccumulator accumulator = new SessionAccumulator();

                long added = shuffledWithDuplicates(session.messages(), random).stream()
                        .filter(accumulator::add)
                        .count();

                assertThat(added).isEqualTo(session.messages().size());
                assertThat(accumulator.ended()).isEqualTo(session.status() == SessionStatus.ENDED);
            }
        }
    }

    @Nested
    class Snapshots {

        private final JsonMapper json = JsonMapper.builder().build();

        private SessionAccumulator.Snapshot throughJson(SessionAccumulator.Snapshot snapshot) {
            return json.readValue(json.writeValueAsString(snapshot), SessionAccumulator.Snapshot.class);
        }

        @Test
        void shouldRestoreTheSameState() {
            SessionAccumulator accumulator = fold(List.of(
                    started(1, 0),
                    sample(2, 1),
                    skewed(sample(4, 3)),
                    settings(5, 3, null, 3, Heat.HIGH),
                    ended(6, 9)));

            SessionAccumulator restored = SessionAccumulator.restore(accumulator.snapshot());

            assertThat(contents(restored.snapshot())).isEqualTo(contents(accumulator.snapshot()));
            assertThat(restored.rollup(SessionStatus.ENDED)).isEqualTo(accumulator.rollup(SessionStatus.ENDED));
            assertThat(restored.ended()).isTrue();
            assertThat(restored.clockSkew()).isTrue();
            assertThat(restored.startedAt()).isEqualTo(at(0));
            assertThat(restored.firstReceivedAt()).isEqualTo(accumulator.firstReceivedAt());
            assertThat(restored.lastReceivedAt()).isEqualTo(accumulator.lastReceivedAt());
        }

        @Test
        void shouldStillIgnoreDuplicatesAfterARestore() {
            SessionAccumulator restored = SessionAccumulator.restore(
                    fold(List.of(started(1, 0), sample(2, 1))).snapshot());

            assertThat(restored.add(sample(2, 1))).isFalse();
            assertThat(restored.add(started(1, 0))).isFalse();
            assertThat(restored.add(sample(3, 2))).isTrue();
            assertThat(restored.rollup(SessionStatus.OPEN).sampleCount()).isEqualTo(2);
        }

        @Test
        void shouldNotShareStateWithTheSnapshot() {
            SessionAccumulator accumulator = fold(List.of(started(1, 0), sample(2, 1)));
            SessionAccumulator.Snapshot snapshot = accumulator.snapshot();
            List<Object> before = contents(snapshot);

            accumulator.add(sample(3, 2, Mode.FULL, 3, Heat.HIGH, 250, 250, 250));
            SessionAccumulator restored = SessionAccumulator.restore(snapshot);
            restored.add(sample(4, 5, Mode.SEQUENTIAL, 1, Heat.OFF, 10, 10, 10));

            assertThat(contents(snapshot)).isEqualTo(before);
        }

        @Test
        void shouldContinueAfterARestoreAsIfNeverRestored() {
            Random random = new Random(SEED + 4);
            for (int round = 0; round < 200; round++) {
                RandomSession session = randomSession(random);
                List<DeviceMessage> messages = shuffledWithDuplicates(session.messages(), random);
                SessionAccumulator restored = new SessionAccumulator();
                for (List<DeviceMessage> batch : batches(messages, random)) {
                    restored = SessionAccumulator.restore(restored.snapshot());
                    batch.forEach(restored::add);
                }
                SessionAccumulator never = fold(messages);

                assertThat(contents(restored.snapshot())).as("round %d", round).isEqualTo(contents(never.snapshot()));
                assertThat(restored.rollup(session.status()))
                        .as("round %d", round)
                        .isEqualTo(never.rollup(session.status()));
            }
        }

        @Test
        void shouldRoundTripAnEmptySnapshot() {
            SessionAccumulator restored = SessionAccumulator.restore(throughJson(new SessionAccumulator().snapshot()));

            assertThat(restored.isEmpty()).isTrue();
            restored.add(sample(1, 1));
            assertThat(restored.rollup(SessionStatus.OPEN))
                    .isEqualTo(rollup(List.of(sample(1, 1)), SessionStatus.OPEN));
        }

        @Test
        void shouldSurviveJson() {
            SessionAccumulator accumulator = fold(List.of(
                    started(1, 0, Mode.SEQUENTIAL, 1, Heat.OFF, "2.4.0-rc.1+b7"),
                    sample(2, 1, Mode.SEQUENTIAL, 1, Heat.OFF, 10, 20, 30),
                    settings(3, 1, Mode.FULL, 3, Heat.HIGH),
                    skewed(sample(5, 4, Mode.FULL, 3, Heat.HIGH, 250, 0, 7)),
                    ended(6, 9, EndReason.POWER_LOSS)));

            String written = json.writeValueAsString(accumulator.snapshot());
            SessionAccumulator restored =
                    SessionAccumulator.restore(json.readValue(written, SessionAccumulator.Snapshot.class));

            assertThat(contents(restored.snapshot())).isEqualTo(contents(accumulator.snapshot()));
            assertThat(restored.rollup(SessionStatus.ENDED)).isEqualTo(accumulator.rollup(SessionStatus.ENDED));
        }

        @Test
        void shouldSurviveJsonForRandomSessionsAndContinueFolding() {
            Random random = new Random(SEED + 5);
            for (int round = 0; round < 100; round++) {
                RandomSession session = randomSession(random);
                List<DeviceMessage> messages = shuffledWithDuplicates(session.messages(), random);
                SessionAccumulator restored = new SessionAccumulator();
                for (List<DeviceMessage> batch : batches(messages, random)) {
                    restored = SessionAccumulator.restore(throughJson(restored.snapshot()));
                    batch.forEach(restored::add);
                }
                restored = SessionAccumulator.restore(throughJson(restored.snapshot()));

                for (SessionStatus status : statusesFor(session)) {
                    assertThat(restored.rollup(status))
                            .as("round %d, %s", round, status)
                            .isEqualTo(rollup(session.messages(), status));
                }
            }
        }

        @Test
        void shouldKeepInstantsExactThroughJson() {
            Instant odd = T0.plusNanos(123_456_789);
            SessionAccumulator accumulator = fold(List.of(sampleAt(1, odd)));

            SessionAccumulator restored = SessionAccumulator.restore(throughJson(accumulator.snapshot()));

            assertThat(restored.startedAt()).isEqualTo(odd);
            assertThat(restored.firstReceivedAt()).isEqualTo(accumulator.firstReceivedAt());
        }
    }
}
