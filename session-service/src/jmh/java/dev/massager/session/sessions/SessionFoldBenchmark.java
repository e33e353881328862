package dev.massager.session.sessions;

import static dev.massager.session.sessions.SessionMessages.DEVICE;
import static dev.massager.session.sessions.SessionMessages.KEY;
import static dev.massager.session.sessions.SessionMessages.SESSION;
import static dev.massager.session.sessions.SessionMessages.T0;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session state machine: a whole 15-minute session folded into a new {@link Session} and rolled up, as
 * session-service does with the device messages of one batch before it saves them. One operation is one session of
 * 902 messages (a start event, 900 samples a second apart, a settings change half way, an end event); messages per
 * second are 902 times the score.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SessionFoldBenchmark {

    private static final int SAMPLES = 900;

    /** One message in a hundred arrives twice: redelivered after a consumer or gateway restart. */
    private static final double DUPLICATES = 0.01;

    private List<DeviceMessage> inOrder;
    private List<DeviceMessage> shuffledWithDuplicates;

    @Setup
    public void setUp() {
        inOrder = ScriptedSession.of(DEVICE, SESSION, T0, 1040, SAMPLES).payloads().stream()
                .map(SessionMessages::message)
                .toList();
        Random random = new Random(42);
        List<DeviceMessage> shuffled = new ArrayList<>(inOrder);
        for (int i = 0; i < Math.round(inOrder.size() * DUPLICATES); i++) {
            shuffled.add(inOrder.get(random.nextInt(inOrder.size())));
        }
        Collections.shuffle(shuffled, random);
        shuffledWithDuplicates = List.copyOf(shuffled);
        if (!fold(inOrder).equals(fold(shuffledWithDuplicates))) {
            throw new IllegalStateException("the order changed the roll-ups");
        }
    }

    /** Messages as the device sent them: what a consumer sees almost always. */
    @Benchmark
    public Rollup inOrder() {
        return fold(inOrder);
    }

    /**
     * The same messages in a random order with 1% of them twice: the worst case for the ranges of seen {@code seq}s,
     * which then hold many short runs until the gaps close.
     */
    @Benchmark
    public Rollup shuffledWithDuplicates() {
        return fold(shuffledWithDuplicates);
    }

    private static Rollup fold(List<DeviceMessage> messages) {
        Session session = Session.begin(KEY);
        session.record(messages);
        return session.rollup();
    }
}
