package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards are proven against the real thing: the three packaged services run (as in
 * {@link EndToEndIT}), a real Prometheus ({@code /usr/bin/prometheus}) scrapes their management
 * interfaces, the test drives a signed-in user's streamed reply and the failures the dashboards
 * watch (refused tokens, a refused callback, an upstream that went away), and then every panel
 * query of every dashboard in {@code k8s/monitoring/dashboards} must return at least one series
 * with a number. A query that returns nothing fails the test with its dashboard and panel.
 */
class MonitoringIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** What the panels' {@code $__rate_interval} stands for here: the whole run fits in it. */
    private static final String RATE_INTERVAL = "5m";
    private static final int TRAFFIC_ROUNDS = 3;
    private static final List<String> SERVICES = List.of("chat-gateway", "persistence-service", "llm-proxy-service");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;
    private static Process prometheus;
    private static String prometheusUrl;
    private static Path workDir;

    @BeforeAll
    static void startStackAndPrometheus() throws Exception {
        openRouter = new FakeOpenRouter(30);
        openRouter.release();
        StackConfig config = Exchanges.stackConfig("monitoring", openRouter.baseUrl(),
                // checkpoints several times per reply, so the checkpoint panels have something to count
                Map.of("Z3CHAT_GENERATION_CHECKPOINT_INTERVAL", "250ms"));
        workDir = config.workDir();
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
        startPrometheus();
    }

    @AfterAll
    static void stopEverything() {
        if (prometheus != null) {
            prometheus.destroy();
        }
        if (stack != null) {
            stack.close();
        }
        if (openRouter != null) {
            openRouter.close();
        }
    }

    @Test
    void everyDashboardPanelQueryReturnsDataAfterRealTraffic() throws Exception {
        driveTraffic();
        Instant trafficEnded = Instant.now();
        awaitScrapesAfter(trafficEnded);

        List<String> failures = new ArrayList<>();
        List<String> report = new ArrayList<>();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(repoRoot().resolve("k8s/monitoring/dashboards"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(3, dashboards.size(), "one dashboard per service");
        int queries = 0;
        for (Path file : dashboards) {
            JsonNode dashboard = BrowserSession.JSON.readTree(Files.readString(file));
            String title = dashboard.path("title").asString();
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asString().replace("$__rate_interval", RATE_INTERVAL);
                    queries++;
                    JsonNode result = query(expr);
                    String summary = summarize(result);
                    report.add(title + " | " + panel.path("title").asString() + " | " + summary);
                    if (!hasANumber(result)) {
                        failures.add(title + " / " + panel.path("title").asString() + ": " + expr + " returned " + summary);
                    }
                }
            }
        }
        System.out.println("Dashboard panels against Prometheus (" + queries + " queries):");
        report.forEach(line -> System.out.println("  " + line));
        assertTrue(queries >= 3 * 8, "the dashboards hold their panels");
        assertEquals(List.of(), failures, "panel queries without data");
    }

    /**
     * A signed-in user's streamed replies and the failures the dashboards and alerts count, in rounds
     * a few scrapes apart: Prometheus' rate() sees only what changes between two scrapes of a series,
     * never the first value of a series it has just discovered.
     */
    private static void driveTraffic() throws Exception {
        StackConfig config = stack.config();
        BrowserSession alice = new BrowserSession(config.gatewayUrl());
        alice.signIn("monitoring@example.com");
        assertEquals("monitoring@example.com", alice.apiJson("/api/me").path("email").asString());
        ChatSocket socket = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        for (int round = 1; round <= TRAFFIC_ROUNDS; round++) {
            String chatId = randomId();
            send(socket, chatId, "Hello, dashboards! (round " + round + ")");
            socket.nextOfType("ack", FRAME_TIMEOUT);
            JsonNode done = socket.nextOfType("done", FRAME_TIMEOUT);
            assertEquals("complete", done.path("status").asString());
            alice.apiJson("/api/chat");
            alice.apiJson("/api/chat/" + chatId);
            alice.apiJson("/api/search?q=dashboards");
            alice.apiJson("/api/models");

            // refused on every service: no session at the gateway, no internal token behind it, a forged callback
            assertEquals(401, BrowserSession.signedOutGet(config.gatewayUrl() + "/api/chat").statusCode());
            assertEquals(401, BrowserSession.signedOutGet(config.persistenceUrl() + "/chats").statusCode());
            assertEquals(401, BrowserSession.signedOutGet(config.llmProxyUrl() + "/models").statusCode());
            HttpResponse<String> callback = HTTP.send(HttpRequest.newBuilder(URI.create(config.gatewayUrl()
                            + "/internal/generations/callback")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer forged").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, callback.statusCode());
            Thread.sleep(SCRAPE_INTERVAL.multipliedBy(2).toMillis());
        }

        // the upstream goes away: the next reply fails upstream, and that is counted by its code
        openRouter.close();
        openRouter = null;
        send(socket, randomId(), "Is anyone there?");
        socket.nextOfType("ack", FRAME_TIMEOUT);
        JsonNode end = null;
        while (end == null) {
            JsonNode frame = socket.next(FRAME_TIMEOUT);
            String type = frame.path("type").asString("");
            if (type.equals("done") || type.equals("error")) {
                end = frame;
            }
        }
        assertTrue(end.path("type").asString().equals("error") || !end.path("status").asString().equals("complete"),
                "a reply without an upstream does not complete: " + end);
        socket.drop();
    }

    private static void send(ChatSocket socket, String chatId, String content) {
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("type", "send");
        send.put("requestId", randomId());
        send.put("chatId", chatId);
        send.put("message", Map.of("id", randomId(), "content", content));
        send.put("model", FakeOpenRouter.MODEL);
        socket.send(send);
    }

    private static void startPrometheus() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("/usr/bin/prometheus is missing: ./test.sh installs Debian's prometheus package");
        }
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        StringBuilder yaml = new StringBuilder("global:\n  scrape_interval: " + SCRAPE_INTERVAL.toSeconds() + "s\n"
                + "  evaluation_interval: " + SCRAPE_INTERVAL.toSeconds() + "s\nscrape_configs:\n");
        for (String service : SERVICES) {
            // job = module name, as the production scrape configurations set it
            yaml.append("  - job_name: ").append(service).append('\n')
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n")
                    .append("      - targets: [\"").append(URI.create(stack.managementUrl(service)).getAuthority())
                    .append("\"]\n");
        }
        Path dir = Files.createDirectories(workDir.resolve("prometheus"));
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, yaml);
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!prometheus.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not start; see " + dir.resolve("prometheus.log"));
            }
            Thread.sleep(200);
        }
    }

    /** Until every target has been scraped, healthy, twice since {@code instant} (so rates see the last changes). */
    private static void awaitScrapesAfter(Instant instant) throws Exception {
        Instant needed = instant.plus(SCRAPE_INTERVAL);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            JsonNode targets = get("/api/v1/targets?state=active").path("data").path("activeTargets");
            long fresh = 0;
            for (JsonNode target : targets) {
                boolean up = target.path("health").asString("").equals("up");
                if (up && Instant.parse(target.path("lastScrape").asString()).isAfter(needed)) {
                    fresh++;
                }
            }
            if (fresh == SERVICES.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus has not scraped every service since the traffic: " + targets);
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode query(String expr) throws Exception {
        JsonNode response = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        if (!response.path("status").asString("").equals("success")) {
            throw new AssertionError("Prometheus refused " + expr + ": " + response);
        }
        return response.path("data").path("result");
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        return BrowserSession.JSON.readTree(response.body());
    }

    private static boolean hasANumber(JsonNode result) {
        for (JsonNode series : result) {
            String value = series.path("value").get(1).asString();
            if (!value.equals("NaN")) {
                return true;
            }
        }
        return false;
    }

    /** "n series: {labels}=value, ..." (the first few), for the test's output. */
    private static String summarize(JsonNode result) {
        List<String> parts = new ArrayList<>();
        for (JsonNode series : result) {
            if (parts.size() == 4) {
                parts.add("...");
                break;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            parts.add(labels + "=" + series.path("value").get(1).asString());
        }
        return result.size() + " series" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
    }

    private static String randomId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
