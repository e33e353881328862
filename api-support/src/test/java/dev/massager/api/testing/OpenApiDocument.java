package dev.massager.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed OpenAPI document of a service is the one it serves. After an intended API change, the test that calls
 * this is run with {@code -Dopenapi.write=true}, which rewrites the committed file, and the diff is committed.
 */
public final class OpenApiDocument {

    private OpenApiDocument() {}

    /** Asserts that the service on {@code port} serves {@code committed}, or rewrites it with -Dopenapi.write=true. */
    public static void assertServedEqualsCommitted(int port, Path committed) throws IOException {
        var response = new ApiClient(port).anonymous().get("/v3/api-docs").expect(200);
        String served = response.body().strip() + "\n";

        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served, StandardCharsets.UTF_8);
        }

        assertThat(committed).as("regenerate with -Dopenapi.write=true").exists();
        assertThat(ApiClient.parse(served))
                .as("the served document equals %s; regenerate with -Dopenapi.write=true", committed)
                .isEqualTo(ApiClient.parse(Files.readString(committed, StandardCharsets.UTF_8)));
    }
}
