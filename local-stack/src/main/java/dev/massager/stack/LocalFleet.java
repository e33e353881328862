package dev.massager.stack;

import dev.massager.simulator.api.CompanionApi;
import dev.massager.simulator.api.Tokens;
import dev.massager.simulator.fleet.Fleet;
import dev.massager.simulator.fleet.FleetSpec;
import dev.massager.simulator.run.Connection;
import dev.massager.simulator.run.History;
import dev.massager.simulator.run.Progress;
import dev.massager.simulator.run.Simulation;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The simulated fleet of a local stack: enrols it and uploads its history; the launcher then waits until every
 * service has taken the history in, and runs the fleet live.
 *
 * @param seed the fleet's seed
 * @param devices massagers, one per user
 * @param days nights of history per user
 */
record LocalFleet(long seed, int devices, int days) {

    static final LocalFleet DEFAULT = new LocalFleet(42, 50, 60);

    private static final Duration SETTLED = Duration.ofSeconds(3);

    /** Far more than the default fleet's history takes on two cores (about 90 s). */
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    /**
     * Enrols the fleet and uploads its history; returns once every message is in Kafka, while the services are still
     * processing it.
     */
    Simulation uploadHistory(LocalStack stack, PrintStream out) {
        Fleet fleet = new Fleet(FleetSpec.defaults(seed, devices));
        Simulation simulation = new Simulation(
                fleet,
                new CompanionApi(stack.sessionServiceUri(), new Tokens(stack.tokens())),
                new Connection(
                        stack.infrastructure().mqtt().deviceServerUri(),
                        stack.infrastructure().mqtt()::deviceSocketFactory),
                Clock.systemUTC());
        out.printf(
                "Simulated fleet: %d massagers and their users, %d nights of history (seed %d)...%n",
                devices, days, seed);
        simulation.enrol();
        History.Result history = simulation.history(days, new Progress("history", devices, out));
        out.printf(
                "History sent: nights %s to %s, %,d sessions in %,d MQTT messages; %,d nights logged.%n",
                history.first(),
                history.last(),
                history.sessions(),
                history.messages(),
                history.loggedWithSession() + history.loggedWithoutSession());
        return simulation;
    }

    /**
     * Waits until every consumer group has read every record of its partitions, and stays so for a few seconds (the
     * outbox relay sends what the consumers wrote a moment later).
     */
    static void awaitConsumersCaughtUp(String bootstrapServers, PrintStream out) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long caughtUpSince = 0;
            long shownAt = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the services did not take in the history within "
                            + PATIENCE.toMinutes() + " minutes: see the service logs");
                }
                long lag = lag(admin);
                long now = System.nanoTime();
                if (lag == 0) {
                    if (caughtUpSince == 0) {
                        caughtUpSince = now;
                    } else if (now - caughtUpSince >= SETTLED.toNanos()) {
                        return;
                    }
                } else {
                    caughtUpSince = 0;
                    if (lag != Long.MAX_VALUE && now - shownAt > 5_000_000_000L) {
                        out.printf("  records still to process: %,d%n", lag);
                        shownAt = now;
                    }
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the consumer groups' progress: " + e.getCause(), e);
        }
    }

    private static long lag(Admin admin) throws InterruptedException, ExecutionException {
        List<String> groups = admin.listConsumerGroups().all().get().stream()
                .map(ConsumerGroupListing::groupId)
                .toList();
        if (groups.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> committedByGroup = new HashMap<>();
        for (ConsumerGroupDescription group :
                admin.describeConsumerGroups(groups).all().get().values()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get();
            // Every partition of the topics the group reads, assigned or not: a partition added to a topic reaches
            // its consumers only at their next metadata refresh, and its records are still to process until then.
            Set<String> topics = new HashSet<>();
            group.members()
                    .forEach(member -> member.assignment().topicPartitions().forEach(p -> topics.add(p.topic())));
            offsets.keySet().forEach(partition -> topics.add(partition.topic()));
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo info : topic.partitions()) {
                    TopicPartition partition = new TopicPartition(topic.name(), info.partition());
                    OffsetAndMetadata offset = offsets.get(partition);
                    committed.put(partition, offset == null ? 0 : offset.offset());
                    latest.put(partition, OffsetSpec.latest());
                }
            }
            committedByGroup.put(group.groupId(), committed);
        }
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (Map<TopicPartition, Long> committed : committedByGroup.values()) {
            for (var entry : committed.entrySet()) {
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue());
            }
        }
        return lag;
    }
}
