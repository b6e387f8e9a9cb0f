package io.z3chat.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.z3chat.local.e2e.BrowserSession;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SPEC 9, two service hops: the chat list and a 50-message page through the gateway (gateway → persistence → store)
 * against the same queries sent straight to the store, at 1 and 50 concurrent users, each user asking again as soon
 * as it has its answer. Overhead is gateway minus store at p50 and p99; throughput is the ratio of requests per second.
 */
final class HopOverheadBenchmark {

    private static final int USERS = 50;
    private static final int CHATS_PER_USER = 21;
    private static final int LONG_CHAT_MESSAGES = 60;
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup.seconds", 8));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.measure.seconds", 15));

    /** One user's way to the data: a signed-in session for the gateway, the user's email for the store. */
    private record User(String email, BrowserSession session, String longChatId) {
    }

    /** One request, made by one user, returning normally when its answer was right. */
    private interface Query {
        void run(User user) throws Exception;
    }

    private record Result(Latencies latencies, double requestsPerSecond, int errors) {
    }

    private final Budget budget = new Budget();

    Budget run() throws Exception {
        System.out.println("Hop overhead benchmark on " + Machine.describe());
        // rate limits lifted: one user asks as fast as answers come, far above a person's 20 requests per second
        try (BenchStack stack = BenchStack.start("hops", null, Map.of(
                "Z3CHAT_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000",
                "Z3CHAT_RATE_LIMIT_REQUESTS_BURST", "1000000"))) {
            List<User> users = seed(stack);
            MongoCollection<Document> chats = stack.database().getCollection("chats");
            MongoCollection<Document> messages = stack.database().getCollection("messages");

            Query listThroughGateway = user -> {
                JsonNode list = json(user.session().api("/api/chat"));
                expect(list.path("chats").size() == 20 && list.path("total").asInt() == CHATS_PER_USER, "chat list", list);
            };
            Query listFromStore = user -> {
                Bson filter = Filters.and(Filters.eq("userEmail", user.email()), Filters.eq("deletedAt", null),
                        Filters.eq("archived", false));
                List<Document> page = chats.find(filter)
                        .sort(Sorts.orderBy(Sorts.descending("pinned", "updatedAt"), Sorts.ascending("_id")))
                        .skip(0).limit(20).into(new ArrayList<>());
                long total = chats.countDocuments(filter);
                expect(page.size() == 20 && total == CHATS_PER_USER, "store chat list", page.size() + "/" + total);
            };
            Query pageThroughGateway = user -> {
                JsonNode page = json(user.session().api("/api/chat/" + user.longChatId() + "?limit=50"));
                expect(page.path("messages").size() == 50 && page.path("hasMore").asBoolean(), "message page", page.path("chatId"));
            };
            Query pageFromStore = user -> {
                Document chat = chats.find(Filters.and(Filters.eq("_id", user.longChatId()), Filters.eq("userEmail", user.email()),
                        Filters.eq("deletedAt", null))).first();
                List<Document> page = messages.find(Filters.and(Filters.eq("userEmail", user.email()),
                                Filters.eq("chatId", user.longChatId())))
                        .sort(Sorts.descending("timestamp", "_id")).limit(51).into(new ArrayList<>());
                expect(chat != null && page.size() == 51, "store message page", page.size());
            };

            System.out.println("warming up every path (JIT) ...");
            for (Query query : List.of(listFromStore, listThroughGateway, pageFromStore, pageThroughGateway)) {
                measure(query, users, USERS, WARM_UP);
            }
            compare("chat list", listFromStore, listThroughGateway, users);
            compare("50-message page", pageFromStore, pageThroughGateway, users);
            budget.printSummary("hop overhead (" + Machine.describe() + ")");
        }
        return budget;
    }

    private void compare(String what, Query direct, Query gateway, List<User> users) throws Exception {
        for (int concurrency : new int[] {1, USERS}) {
            measure(direct, users, concurrency, WARM_UP);
            Result store = measure(direct, users, concurrency, MEASURE);
            measure(gateway, users, concurrency, WARM_UP);
            Result through = measure(gateway, users, concurrency, MEASURE);
            String label = what + ", " + concurrency + (concurrency == 1 ? " user" : " users");
            budget.info(label + ": straight to the store", store.latencies().summary()
                    + String.format(", %.0f req/s", store.requestsPerSecond()));
            budget.info(label + ": through the gateway", through.latencies().summary()
                    + String.format(", %.0f req/s, %d errors", through.requestsPerSecond(), through.errors()));
            budget.atMost(label + ": hops add at p50", through.latencies().p50() - store.latencies().p50(), 3, "ms");
            budget.atMost(label + ": hops add at p99", through.latencies().p99() - store.latencies().p99(), 10, "ms");
            double ratio = 100.0 * through.requestsPerSecond() / store.requestsPerSecond();
            if (concurrency == USERS) {
                budget.atLeast(label + ": gateway req/s of the store's", ratio, 80, "%");
            } else {
                budget.info(label + ": gateway req/s of the store's", String.format("%.1f %%", ratio));
            }
            budget.holds(label + ": every answer right", through.errors() == 0 && store.errors() == 0,
                    through.errors() + " wrong through the gateway, " + store.errors() + " from the store");
        }
    }

    /** {@code concurrency} users, each asking again as soon as it has its answer, for the duration. */
    private static Result measure(Query query, List<User> users, int concurrency, Duration duration) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(concurrency);
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            User user = users.get(i);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            query.run(user);
                            latencies.add(System.nanoTime() - t0);
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e);
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }, "bench-user-" + i);
            thread.start();
        }
        finished.await();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (firstError.get() != null) {
            System.out.println("first error: " + firstError.get());
        }
        return new Result(latencies, latencies.count() / seconds, errors.get());
    }

    /** 50 users, each with 21 chats imported through the gateway: one of 60 messages, twenty of 2. */
    private static List<User> seed(BenchStack stack) throws Exception {
        System.out.println("signing in " + USERS + " users and importing their chats ...");
        List<User> users = new ArrayList<>();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int u = 0; u < USERS; u++) {
            String email = "hops-" + u + "@example.com";
            BrowserSession session = stack.signIn(email);
            List<Map<String, Object>> chatsToImport = new ArrayList<>();
            for (int c = 0; c < CHATS_PER_USER; c++) {
                int count = c == 0 ? LONG_CHAT_MESSAGES : 2;
                List<Map<String, Object>> messages = new ArrayList<>();
                for (int m = 0; m < count; m++) {
                    messages.add(Map.of("id", "m" + u + "x" + c + "x" + m + "abcdefghijklmnop".substring(0, 10),
                            "role", m % 2 == 0 ? "user" : "assistant",
                            "content", "Message " + m + " of chat " + c + ": " + "lorem ipsum dolor sit amet ".repeat(8),
                            "timestamp", base.plusSeconds(c * 1000L + m).toString(), "status", "complete"));
                }
                chatsToImport.add(Map.of("id", "c" + u + "x" + c + "abcdefghijklmnopqrstu".substring(0, 14),
                        "title", "Chat " + c, "titleSource", "user",
                        "createdAt", base.plusSeconds(c * 1000L).toString(),
                        "updatedAt", base.plusSeconds(c * 1000L + count).toString(), "messages", messages));
            }
            HttpResponse<String> imported = session.send("POST", "/api/import", "application/json",
                    BrowserSession.JSON.writeValueAsString(Map.of("format", "z3chat.export", "version", 1,
                            "exportedAt", base.toString(), "chats", chatsToImport)));
            JsonNode report = BrowserSession.JSON.readTree(imported.body());
            expect(imported.statusCode() == 200 && report.path("importedCount").asInt() == CHATS_PER_USER, "import", imported.body());
            String longChat = null;
            for (JsonNode chat : report.path("imported")) {
                if (chat.path("messageCount").asInt() == LONG_CHAT_MESSAGES) {
                    longChat = chat.path("chatId").asString();
                }
            }
            expect(longChat != null, "the long chat imported", report);
            users.add(new User(email, session, longChat));
        }
        return users;
    }

    private static JsonNode json(HttpResponse<String> response) {
        expect(response.statusCode() == 200, "HTTP 200", response.statusCode() + " " + response.body());
        return BrowserSession.JSON.readTree(response.body());
    }

    private static void expect(boolean condition, String what, Object seen) {
        if (!condition) {
            throw new AssertionError("wrong answer for " + what + ": " + seen);
        }
    }
}
