package dev.massager.simulator.run;

import dev.massager.simulator.device.DeviceMemory;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.fleet.NightPlan;
import dev.massager.simulator.fleet.VirtualUser;
import dev.massager.simulator.mqtt.DeviceLink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weeks of past nights, uploaded as fast as the system takes them: each device connects once, uploads its sessions as
 * the backlog it would hold after a long time offline (samples in batches), and disconnects cleanly, so that its
 * data is known to be complete up to then; each user then logs the nights they logged.
 */
public final class History {

    private static final int PARALLEL_DEVICES = 8;

    private final Simulation simulation;
    private final int days;
    private final Progress progress;

    History(Simulation simulation, int days, Progress progress) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        this.simulation = simulation;
        this.days = days;
        this.progress = progress;
    }

    /**
     * What a history run sent: the true nights, of which the system sees the logged ones.
     *
     * @param users virtual users
     * @param nights nights simulated
     * @param sessions sessions run
     * @param loggedWithSession logged nights with a session
     * @param crampsWithSession of those, nights logged with cramps
     * @param loggedWithoutSession logged nights without a session
     * @param crampsWithoutSession of those, nights logged with cramps
     * @param messages MQTT messages published, duplicates included
     * @param first the earliest night of any user
     * @param last the latest night of any user
     */
    public record Result(
            int users,
            long nights,
            long sessions,
            long loggedWithSession,
            long crampsWithSession,
            long loggedWithoutSession,
            long crampsWithoutSession,
            long messages,
            LocalDate first,
            LocalDate last) {}

    Result run() {
        Instant now = simulation.clock().instant();
        List<VirtualUser> users = simulation.fleet().users();
        AtomicLong nights = new AtomicLong();
        AtomicLong sessions = new AtomicLong();
        AtomicLong[] arms = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        List<LocalDate> bounds = new ArrayList<>();
        Simulation.forEach(users, PARALLEL_DEVICES, user -> {
            LocalDate last = simulation.firstOpenNight(user, now).minusDays(1);
            LocalDate first = last.minusDays(days - 1L);
            synchronized (bounds) {
                bounds.add(first);
                bounds.add(last);
            }
            List<NightPlan> plans = new ArrayList<>(days);
            List<DeviceMessage> messages = new ArrayList<>();
            DeviceMemory memory = simulation.memory(user);
            for (LocalDate night = first; !night.isAfter(last); night = night.plusDays(1)) {
                NightPlan plan = simulation.fleet().night(user, night);
                plans.add(plan);
                plan.session()
                        .ifPresent(session ->
                                messages.addAll(simulation.behaviour().session(session, memory)));
            }
            DeviceLink link = simulation.connect(user);
            List<DeviceMessage> upload = simulation.behaviour().backlog(messages, now);
            long sent = simulation.publish(
                    link, upload, new SplittableRandom(user.device().id().hashCode()));
            simulation.disconnect(user, link);
            progress.sent(sent);
            for (NightPlan plan : plans) {
                plan.diary().ifPresent(entry -> {
                    simulation.api().logNight(user.id(), plan.date(), entry);
                    int arm = (plan.session().isPresent() ? 0 : 2) + (entry.cramps() > 0 ? 1 : 0);
                    arms[arm].incrementAndGet();
                });
            }
            nights.addAndGet(plans.size());
            sessions.addAndGet(
                    plans.stream().filter(plan -> plan.session().isPresent()).count());
            progress.partDone();
        });
        progress.finish();
        return new Result(
                users.size(),
                nights.get(),
                sessions.get(),
                arms[0].get() + arms[1].get(),
                arms[1].get(),
                arms[2].get() + arms[3].get(),
                arms[3].get(),
                progress.messages(),
                bounds.stream().min(LocalDate::compareTo).orElseThrow(),
                bounds.stream().max(LocalDate::compareTo).orElseThrow());
    }
}
