package dev.massager.simulator.run;

import dev.massager.common.codec.PayloadCodec;
import dev.massager.common.device.DeviceState;
import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.device.DeviceBehaviour;
import dev.massager.simulator.device.DeviceMemory;
import dev.massager.simulator.device.DeviceMessage;
import dev.massager.simulator.fleet.Fleet;
import dev.massager.simulator.fleet.VirtualUser;
import dev.massager.simulator.mqtt.DeviceLink;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A fleet against a running system: the devices' memory (counters, batteries, backlogs) carries over from the
 * {@linkplain #history history} to the {@linkplain #live live} run.
 */
public final class Simulation {

    private final Fleet fleet;
    private final CompanionApi api;
    private final Connection connection;
    private final Clock clock;
    private final DeviceBehaviour behaviour;
    private final Map<String, DeviceMemory> memories = new ConcurrentHashMap<>();
    private final Map<String, List<DeviceMessage>> backlogs = new ConcurrentHashMap<>();

    public Simulation(Fleet fleet, CompanionApi api, Connection connection, Clock clock) {
        this.fleet = fleet;
        this.api = api;
        this.connection = connection;
        this.clock = clock;
        this.behaviour = new DeviceBehaviour(new PayloadCodec(), fleet.spec().sampleInterval());
    }

    public Fleet fleet() {
        return fleet;
    }

    /** Provisions the devices, and has every user set their time zone and pair their device. */
    public void enrol() {
        forEach(fleet.users(), 8, user -> {
            api.provision(user.device());
            api.setTimeZone(user.id(), user.zone());
            api.pair(user.id(), user.device());
        });
    }

    /**
     * Uploads {@code days} nights of history per user, up to the last night that is over (its next day's noon has
     * passed): each device connects, uploads the sessions as a backlog and disconnects; users log the nights they
     * logged.
     */
    public History.Result history(int days, Progress progress) {
        return new History(this, days, progress).run();
    }

    /** Runs the fleet in real time from now on, until the returned run is closed. */
    public Live live() {
        return new Live(this);
    }

    /** The first night of {@code user} that is not over at {@code now}: live mode starts there. */
    LocalDate firstOpenNight(VirtualUser user, Instant now) {
        ZonedDateTime local = now.atZone(user.zone());
        LocalDate today = local.toLocalDate();
        return local.toLocalTime().isBefore(LocalTime.NOON) ? today.minusDays(1) : today;
    }

    Clock clock() {
        return clock;
    }

    CompanionApi api() {
        return api;
    }

    DeviceBehaviour behaviour() {
        return behaviour;
    }

    DeviceMemory memory(VirtualUser user) {
        return memories.computeIfAbsent(user.device().id(), id -> new DeviceMemory(user.device()));
    }

    /** Messages a device holds until it next connects. */
    List<DeviceMessage> takeBacklog(VirtualUser user) {
        List<DeviceMessage> backlog = backlogs.remove(user.device().id());
        return backlog == null ? List.of() : backlog;
    }

    void keepForLater(VirtualUser user, List<DeviceMessage> messages) {
        backlogs.computeIfAbsent(user.device().id(), id -> new ArrayList<>()).addAll(messages);
    }

    DeviceLink connect(VirtualUser user) {
        DeviceMemory memory = memory(user);
        Instant now = clock.instant();
        return DeviceLink.connect(
                connection.serverUri(),
                user.device().id(),
                connection.credentials(),
                behaviour.status(memory, DeviceState.ONLINE, now).payload(),
                behaviour.status(memory, DeviceState.OFFLINE, now).payload());
    }

    void disconnect(VirtualUser user, DeviceLink link) {
        link.disconnect(behaviour
                .status(memory(user), DeviceState.OFFLINE, clock.instant())
                .payload());
    }

    /**
     * Publishes {@code messages} in order, a few unacknowledged at a time, some twice as a device does when an
     * acknowledgement is late; returns how many were sent, duplicates included.
     */
    long publish(DeviceLink link, List<DeviceMessage> messages, SplittableRandom random) {
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>(messages.size());
        long sent = 0;
        for (DeviceMessage message : messages) {
            acknowledged.add(link.publish(message));
            sent++;
            if (random.nextDouble() < fleet.spec().duplicateRate()) {
                acknowledged.add(link.publish(message));
                sent++;
            }
        }
        CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).join();
        return sent;
    }

    /** Runs {@code action} for each item on {@code threads} threads; the first failure fails the whole call. */
    static <T> void forEach(List<T> items, int threads, Consumer<T> action) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (T item : items) {
                running.add(executor.submit(() -> action.accept(item)));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }
}
