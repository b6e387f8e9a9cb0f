package io.z3chat.persistence.bench;

import com.mongodb.client.MongoClients;
import io.z3chat.persistence.support.Api;
import io.z3chat.persistence.testing.TestKeys;
import io.z3chat.persistence.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rerunnable benchmark, not part of the suite: does {@code GET /export} stream every chat in flat
 * memory? The packaged service runs in its own JVM with a small heap ({@code -Xmx64m} by default),
 * the store in another; the export of 1,000 and then 10,000 chats (two messages each) is
 * downloaded while the service's heap after a full GC ({@code jcmd GC.run}, then its own
 * {@code jvm_memory_used_bytes}) is sampled every 2 MiB. Flat: the samples do not grow with the
 * number of chats, and 10,000 chats fit the small heap. See the module README for the command.
 */
@EnabledIfSystemProperty(named = "z3chat.bench", matches = "export")
class ExportMemoryBenchmark {

    private static final String FILLER = "A message of ordinary length, about as long as a chat turn usually is. ".repeat(4);
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroy);
    }

    @Test
    void heapStaysFlatWhateverTheNumberOfChats() throws Exception {
        var jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "package the service first: mvn -pl persistence-service package -DskipTests");
        int storePort = freePort();
        int servicePort = freePort();
        int managementPort = freePort();
        start(List.of(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"), StandaloneStore.class.getName(),
                Integer.toString(storePort)), List.of());
        var service = start(List.of(java(), System.getProperty("z3chat.bench.heap", "-Xmx64m"), "-jar", jar.toString()),
                List.of("MONGODB_URI=mongodb://127.0.0.1:" + storePort, "QUARKUS_HTTP_PORT=" + servicePort,
                        "QUARKUS_MANAGEMENT_PORT=" + managementPort,
                        "INTERNAL_JWT_PUBLIC_KEY=" + TestKeys.pem("jwt/test-public-key.pem")));
        awaitReady(managementPort);

        System.out.println("| chats | export bytes | seconds | service heap after GC, MiB (min / max of samples) |");
        System.out.println("|---:|---:|---:|---:|");
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            var db = mongo.getDatabase("z3chat");
            for (int chats : new int[] {1_000, 10_000}) {
                var user = Api.newUser();
                seed(db, user, chats);
                long start = System.nanoTime();
                var samples = new ArrayList<Double>();
                long bytes = download(servicePort, managementPort, user, service.pid(), samples);
                System.out.printf("| %d | %d | %.1f | %.1f / %.1f |%n", chats, bytes, (System.nanoTime() - start) / 1e9,
                        samples.stream().mapToDouble(d -> d).min().orElse(0),
                        samples.stream().mapToDouble(d -> d).max().orElse(0));
            }
        }
    }

    private static void seed(com.mongodb.client.MongoDatabase db, String user, int chats) {
        var at = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
        var chatDocs = new ArrayList<Document>();
        var messages = new ArrayList<Document>();
        for (int i = 0; i < chats; i++) {
            var chatId = String.format("bench%06d-%s", i, Api.newId().substring(0, 8));
            chatDocs.add(new Document("_id", chatId).append("userEmail", user).append("title", "Benchmark chat " + i)
                    .append("titleSource", "user").append("createdAt", at).append("updatedAt", at)
                    .append("messageCount", 2).append("pinned", false).append("archived", false).append("version", 1L));
            for (var role : List.of("user", "assistant")) {
                messages.add(new Document("_id", chatId + "-" + role).append("chatId", chatId).append("userEmail", user)
                        .append("role", role).append("content", FILLER).append("contentLength", FILLER.length())
                        .append("timestamp", at).append("status", "complete"));
            }
        }
        db.getCollection("chats").insertMany(chatDocs);
        db.getCollection("messages").insertMany(messages);
    }

    private static long download(int port, int managementPort, String user, long pid, List<Double> samples) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/export"))
                .header("Authorization", "Bearer " + TestTokens.forUser(user)).GET().build();
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        long total = 0;
        long next = 0;
        var buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total >= next) {
                    samples.add(heapAfterGc(client, managementPort, pid));
                    next += 2 << 20;
                }
            }
        }
        return total;
    }

    private static double heapAfterGc(HttpClient client, int port, long pid) throws Exception {
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        var metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double used = 0;
        for (var m = HEAP.matcher(metrics); m.find(); ) {
            used += Double.parseDouble(m.group(1));
        }
        return used / 1048576.0;
    }

    private Process start(List<String> command, List<String> env) throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/bench-processes.log").toFile()));
        env.forEach(e -> builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        var process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitReady(int port) throws Exception {
        var client = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            try {
                var ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not get ready; see target/bench-processes.log");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
