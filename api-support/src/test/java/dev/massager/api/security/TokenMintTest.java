package dev.massager.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenMintTest {

    @TempDir
    Path directory;

    @Test
    void shouldCreateTheKeyPairOnceAndReadItAfterwards() {
        Path keyFile = directory.resolve("keys/jwt.pem");

        var created = TokenMint.loadOrCreateKeyPair(keyFile);
        var read = TokenMint.loadOrCreateKeyPair(keyFile);

        assertThat(read.getPublic()).isEqualTo(created.getPublic());
        assertThat(directory.resolve("keys")).isDirectoryContaining(path -> path.equals(keyFile));
    }

    @Test
    void shouldGiveEveryoneTheSameKeyWhenServicesCreateItAtOnce() throws Exception {
        Path keyFile = directory.resolve("shared.pem");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> starts = IntStream.range(0, 4)
                    .<Callable<Object>>mapToObj(
                            i -> () -> TokenMint.loadOrCreateKeyPair(keyFile).getPublic())
                    .toList();
            var keys = pool.invokeAll(starts).stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .distinct()
                    .toList();

            assertThat(keys).hasSize(1);
            assertThat(TokenMint.loadOrCreateKeyPair(keyFile).getPublic()).isEqualTo(keys.get(0));
        } finally {
            pool.shutdown();
        }
        try (var files = Files.list(directory)) {
            assertThat(files).as("no temporary files left").containsExactly(keyFile);
        }
    }
}
