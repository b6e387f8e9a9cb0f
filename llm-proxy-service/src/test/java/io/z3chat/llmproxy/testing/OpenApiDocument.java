package io.z3chat.llmproxy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * This service's committed OpenAPI document ({@code openapi/openapi.yaml}, what the other services' fakes are held to)
 * and the check that it is still what the code generates.
 */
public final class OpenApiDocument {

    /** Relative to the module, the working directory of its tests. */
    public static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    /** Rewrites the committed document from the code (then review the diff and commit it). */
    public static final String REFRESH_COMMAND =
            "mvn -pl llm-proxy-service test -Dtest=OpenApiDocumentTest -Dopenapi.refresh";

    private OpenApiDocument() {
    }

    /** Checks {@code generated} against {@link #COMMITTED}, or rewrites that under {@code -Dopenapi.refresh}. */
    public static void assertCommitted(String generated) {
        if (System.getProperty("openapi.refresh") != null) {
            write(COMMITTED, generated);
            return;
        }
        assertSame(COMMITTED, generated);
    }

    /** Fails with a unified diff and the refresh command unless {@code generated} is the committed document. */
    public static void assertSame(Path committed, String generated) {
        if (!Files.exists(committed)) {
            throw new AssertionError(committed + " is missing. Generate it with: " + REFRESH_COMMAND);
        }
        String expected = read(committed);
        if (expected.equals(generated)) {
            return;
        }
        List<String> before = expected.lines().toList();
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(committed + " (committed)", "generated from the code",
                before, DiffUtils.diff(before, generated.lines().toList()), 3);
        throw new AssertionError("The OpenAPI document generated from the code differs from " + committed
                + ":\n" + String.join("\n", diff) + "\nIf the change is meant, refresh it with: " + REFRESH_COMMAND
                + " and commit it with the change (the other services' contract tests read it).");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
