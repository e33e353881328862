package dev.massager.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Starts and stops servers side by side, so that a test run waits for the slowest of them rather than for the sum. */
final class Parallel implements AutoCloseable {

    private final ExecutorService executor;

    private final List<CompletableFuture<? extends AutoCloseable>> tasks = new ArrayList<>();

    private Parallel(String name) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static Parallel starting(String name) {
        return new Parallel(name);
    }

    <T extends AutoCloseable> CompletableFuture<T> start(Supplier<T> server) {
        CompletableFuture<T> task = CompletableFuture.supplyAsync(server, executor);
        tasks.add(task);
        return task;
    }

    /** Waits for every start; if one failed, closes those that started and throws the first failure. */
    void awaitAll() {
        try {
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            List<AutoCloseable> started = new ArrayList<>();
            for (CompletableFuture<? extends AutoCloseable> task : tasks) {
                if (!task.isCompletedExceptionally()) {
                    started.add(task.join());
                }
            }
            try {
                closeAll(started);
            } catch (RuntimeException closing) {
                e.getCause().addSuppressed(closing);
            }
            throw new IllegalStateException("Could not start the infrastructure", e.getCause());
        }
    }

    /** Closes every resource, side by side, and reports every failure in one exception. */
    static void closeAll(List<? extends AutoCloseable> resources) {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> closing = new ArrayList<>();
        for (AutoCloseable resource : resources) {
            // Own threads rather than the common pool: it has a single worker on a two-core machine.
            Thread thread = new Thread(
                    () -> {
                        try {
                            resource.close();
                        } catch (Exception | Error e) {
                            failures.add(e);
                        }
                    },
                    "massager-infra-stop");
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
                break;
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not stop the infrastructure cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
