package io.z3chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's Dockerfile copies what its build produced: every COPY source exists in the
 * module (this module builds after the services, so their target/ is there), and the image
 * runs as a non-root user with the management port exposed.
 */
class DockerfilesTest {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"chat-gateway", "persistence-service", "llm-proxy-service"})
    void theDockerfileCopiesWhatThePackagedBuildHolds(String module) throws IOException {
        Path moduleDir = Repo.file(module);
        String dockerfile = Repo.read(module + "/src/main/docker/Dockerfile.jvm");
        assertTrue(Files.isRegularFile(moduleDir.resolve("target/quarkus-app/quarkus-run.jar")),
                module + " is not packaged: deploy-checks runs after the services in the reactor (mvn package)");
        Matcher copy = COPY.matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            String source = copy.group(1);
            sources.add(source);
            assertFalse(matches(moduleDir, source).isEmpty(), module + ": COPY " + source + " matches nothing in the build");
        }
        assertEquals(List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/"), sources, module + " copies the whole fast-jar layout");
        assertTrue(dockerfile.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-gateway", "persistence-service", "llm-proxy-service"})
    void theImageRunsAsANonRootUserAndExposesItsPorts(String module) {
        String dockerfile = Repo.read(module + "/src/main/docker/Dockerfile.jvm");
        List<String> users = dockerfile.lines().filter(l -> l.startsWith("USER ")).toList();
        assertFalse(users.isEmpty(), module + " sets USER");
        String last = users.get(users.size() - 1).substring(5).trim();
        assertTrue(last.matches("\\d+") && Integer.parseInt(last) > 0, module + " ends as a numeric non-root user");
        int http = KustomizeOverlaysTest.HTTP_PORTS.get(module);
        int management = KustomizeOverlaysTest.MANAGEMENT_PORTS.get(module);
        assertTrue(dockerfile.contains("EXPOSE " + http + " " + management), module + " exposes " + http + " and " + management);
        assertTrue(dockerfile.contains("-Dquarkus.management.host=0.0.0.0"), module + " serves management beyond loopback");
    }

    private static List<Path> matches(Path moduleDir, String source) throws IOException {
        String pattern = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        int slash = pattern.lastIndexOf('/');
        Path parent = moduleDir.resolve(pattern.substring(0, slash));
        String glob = pattern.substring(slash + 1);
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, glob)) {
            for (Path entry : entries) {
                if (!source.endsWith("/") || Files.isDirectory(entry)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }
}
