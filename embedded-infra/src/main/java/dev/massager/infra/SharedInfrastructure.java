package dev.massager.infra;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM-wide instances behind {@link Infrastructure#shared()}: one per mode, started on first use, stopped by a
 * shutdown hook. A failed start is remembered and reported to every later caller, so that a broken machine fails each
 * test class at once instead of retrying a slow start in each.
 */
final class SharedInfrastructure implements Infrastructure {

    private static final Map<InfrastructureMode, Start> starts = new EnumMap<>(InfrastructureMode.class);

    private final Infrastructure running;

    private SharedInfrastructure(Infrastructure running) {
        this.running = running;
    }

    /** What starting one mode gave: the running instance, or why it failed. */
    private record Start(Infrastructure shared, RuntimeException failure) {}

    static synchronized Infrastructure get(InfrastructureMode mode) {
        Start start = starts.computeIfAbsent(mode, SharedInfrastructure::start);
        if (start.failure() != null) {
            throw new IllegalStateException("The shared " + mode + " infrastructure could not start", start.failure());
        }
        return start.shared();
    }

    private static Start start(InfrastructureMode mode) {
        try {
            Infrastructure started = Infrastructure.start(mode);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            started::close, "massager-infra-" + mode.name().toLowerCase(Locale.ROOT)));
            return new Start(new SharedInfrastructure(started), null);
        } catch (RuntimeException e) {
            return new Start(null, e);
        }
    }

    @Override
    public InfrastructureMode mode() {
        return running.mode();
    }

    @Override
    public KafkaConnection kafka() {
        return running.kafka();
    }

    @Override
    public PostgresConnection postgres() {
        return running.postgres();
    }

    @Override
    public MqttConnection mqtt() {
        return running.mqtt();
    }

    /** Does nothing: other test classes still use these servers, and the shutdown hook stops them. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "shared " + running;
    }
}
