package dev.massager.simulator.run;

import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.fleet.NightPlan;
import dev.massager.simulator.fleet.PlannedSession;
import dev.massager.simulator.fleet.VirtualUser;
import dev.massager.simulator.mqtt.DeviceLink;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet in real time. A massager is on only while it runs: it connects when its user starts a session, sends the
 * session as it happens, and disconnects when it ends; a session without a connection is kept and uploaded when the
 * device next connects. Users log the night the morning after. Nights that started before the run are left out.
 */
public final class Live implements AutoCloseable {

    private final Simulation simulation;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("live-plan"));
    private final ExecutorService sessions = Executors.newCachedThreadPool(daemon("live-session"));
    private final AtomicLong sessionsRun = new AtomicLong();
    private final AtomicLong nightsLogged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile PrintStream log = System.err;

    Live(Simulation simulation) {
        this.simulation = simulation;
    }

    /** Starts planning every user's nights; returns at once. */
    public Live start() {
        Instant now = simulation.clock().instant();
        for (VirtualUser user : simulation.fleet().users()) {
            scheduler.execute(() -> plan(user, simulation.firstOpenNight(user, now), now));
        }
        return this;
    }

    /** Where failures are reported; by default standard error. */
    public Live reportingTo(PrintStream log) {
        this.log = log;
        return this;
    }

    public long sessionsRun() {
        return sessionsRun.get();
    }

    public long nightsLogged() {
        return nightsLogged.get();
    }

    private void plan(VirtualUser user, LocalDate night, Instant startedAt) {
        NightPlan plan = simulation.fleet().night(user, night);
        Instant now = simulation.clock().instant();
        // A session that would have started before the run is past: that night is left out, diary entry included.
        boolean missed = plan.session().map(s -> s.start().isBefore(startedAt)).orElse(false);
        if (!missed) {
            plan.session()
                    .ifPresent(session -> at(session.start(), now, () -> sessions.execute(() -> run(user, session))));
            plan.diary()
                    .ifPresent(entry -> at(entry.writtenAt(), now, () -> {
                        try {
                            simulation.api().logNight(user.id(), night, entry);
                            nightsLogged.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed(user, "could not log the night of " + night, e);
                        }
                    }));
        }
        Instant nextPlanning =
                ZonedDateTime.of(night.plusDays(1), LocalTime.NOON, user.zone()).toInstant();
        at(nextPlanning, now, () -> plan(user, night.plusDays(1), startedAt));
    }

    private void run(VirtualUser user, PlannedSession session) {
        List<DeviceMessage> messages = simulation.behaviour().session(session, simulation.memory(user));
        if (session.offline()) {
            simulation.keepForLater(user, messages);
            sessionsRun.incrementAndGet();
            return;
        }
        SplittableRandom random = new SplittableRandom(session.start().getEpochSecond());
        DeviceLink link;
        try {
            link = simulation.connect(user);
        } catch (RuntimeException e) {
            simulation.keepForLater(user, messages);
            failed(user, "could not connect, keeps the session for later", e);
            return;
        }
        List<DeviceMessage> backlog = simulation.takeBacklog(user);
        List<DeviceMessage> unsent = new ArrayList<>(messages);
        try {
            if (!backlog.isEmpty()) {
                simulation.publish(
                        link,
                        simulation
                                .behaviour()
                                .backlog(backlog, simulation.clock().instant()),
                        random);
                backlog = List.of();
            }
            while (!unsent.isEmpty()) {
                DeviceMessage next = unsent.get(0);
                long wait = Duration.between(simulation.clock().instant(), next.due())
                        .toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                simulation.publish(link, List.of(next), random);
                unsent.remove(0);
            }
            simulation.disconnect(user, link);
            sessionsRun.incrementAndGet();
        } catch (InterruptedException e) {
            link.close();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            link.close();
            // As a device does: what was not acknowledged is sent again at the next connection; duplicates are
            // harmless, since the backend recognises a message by its device and counter.
            List<DeviceMessage> keep = new ArrayList<>(backlog);
            keep.addAll(unsent);
            simulation.keepForLater(user, keep);
            failed(user, "lost its connection during session " + session.id() + ", keeps the rest for later", e);
        }
    }

    private void at(Instant when, Instant now, Runnable task) {
        long delay = Math.max(0, Duration.between(now, when).toMillis());
        scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
    }

    private void failed(VirtualUser user, String what, RuntimeException e) {
        failures.incrementAndGet();
        log.println(user.device().id() + " (" + user.id() + ") " + what + ": " + e.getMessage());
    }

    /** Stops the fleet; sessions under way end as if the devices lost power. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        sessions.shutdownNow();
        try {
            sessions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
