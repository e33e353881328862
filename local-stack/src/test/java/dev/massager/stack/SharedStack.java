package dev.massager.stack;

import java.nio.file.Path;

/**
 * One local stack for every test class of the JVM that needs a running stack: started on first use on free ports,
 * stopped by a shutdown hook. A failed start is remembered, so that later classes fail at once instead of waiting
 * for another slow start.
 */
final class SharedStack {

    private static LocalStack stack;

    private static RuntimeException failure;

    private SharedStack() {}

    static synchronized LocalStack get() {
        if (failure != null) {
            throw new IllegalStateException("The shared local stack could not start", failure);
        }
        if (stack == null) {
            try {
                LocalStack started = LocalStack.start(LocalStack.Options.defaults()
                        .withFreePorts(true)
                        .withWorkDirectory(Path.of("target", "local-stack-it")));
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-it-stop"));
                stack = started;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return stack;
    }
}
