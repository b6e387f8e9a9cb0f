package io.z3chat.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.z3chat.local.LocalStack;
import io.z3chat.local.e2e.BrowserSession;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SPEC 9, 500 concurrent streaming chats: 50 users with 10 sockets each send one message at the same moment; the
 * upstream streams 60 chunks 20 ms apart, each naming the message it answers. Every socket must get exactly its
 * reply, in order, and {@code done}; the store must hold every reply complete, once, within 30 s of its
 * {@code done}, and none {@code streaming}. Then three small rounds show what store writes a reply costs against
 * how long it streams and how many chunks it has.
 */
final class ConcurrentStreamsBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 50);
    private static final int SOCKETS_PER_USER = Integer.getInteger("bench.sockets", 10);
    private static final Duration SAVE_BUDGET = Duration.ofSeconds(30);
    private static final String LOAD_MODEL = StampingUpstream.echoModel(60, 20);
    /** Same seconds with twice the chunks, and twice the seconds with the same chunks. */
    private static final List<String> WRITE_ROUNDS = List.of(LOAD_MODEL, StampingUpstream.echoModel(120, 10),
            StampingUpstream.echoModel(60, 40));

    /** One socket's exchange and what it saw. */
    private static final class Stream {
        final String chatId = id();
        final String messageId = id();
        final String question;
        final String expected;
        final StringBuilder received = new StringBuilder();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile TimedSocket socket;
        volatile long sentAt;
        volatile long ackAt;
        volatile long firstDeltaAt;
        volatile long doneAt;
        volatile String replyId;
        volatile String doneStatus;
        volatile String problem;

        Stream(String question, int chunks) {
            this.question = question;
            this.expected = StampingUpstream.echoReply(question, chunks);
        }

        void onFrame(JsonNode frame, long receivedAt) {
            switch (frame.path("type").asString("")) {
                case "ack" -> ackAt = receivedAt;
                case "start" -> replyId = frame.path("messageId").asString();
                case "delta" -> {
                    if (firstDeltaAt == 0) {
                        firstDeltaAt = receivedAt;
                    }
                    int offset = frame.path("offset").asInt();
                    if (offset != received.length()) {
                        problem("delta at " + offset + " while the socket has " + received.length());
                    }
                    received.setLength(Math.min(offset, received.length()));
                    received.append(frame.path("text").asString(""));
                }
                case "done" -> {
                    doneAt = receivedAt;
                    doneStatus = frame.path("status").asString();
                    ended.countDown();
                }
                case "error" -> {
                    problem("error frame " + frame);
                    ended.countDown();
                }
                default -> {
                }
            }
        }

        void problem(String what) {
            if (problem == null) {
                problem = what;
            }
        }
    }

    private final Budget budget = new Budget();

    Budget run() throws Exception {
        System.out.println("Concurrent streams benchmark on " + Machine.describe());
        List<String> models = new ArrayList<>(WRITE_ROUNDS);
        try (StampingUpstream upstream = new StampingUpstream(models);
             BenchStack stack = BenchStack.start("load", upstream.baseUrl(), Map.of())) {
            // a person may send 20 messages a minute: every round has users of its own
            System.out.println("warming up (3 rounds of 50 streams) ...");
            for (int warm = 0; warm < 3; warm++) {
                round(stack, users(stack, "warm" + warm, 5), 10, LOAD_MODEL, 60, false);
            }
            List<BrowserSession> sessions = users(stack, "load", USERS);
            int streams = USERS * SOCKETS_PER_USER;
            System.out.printf("%n%d concurrent streams (%d users x %d sockets), 60 chunks 20 ms apart ...%n",
                    streams, USERS, SOCKETS_PER_USER);
            round(stack, sessions, SOCKETS_PER_USER, LOAD_MODEL, 60, true);

            System.out.println();
            System.out.println("store writes per reply (50 streams a round):");
            int[][] shapes = {{60, 20}, {120, 10}, {60, 40}};
            for (int i = 0; i < WRITE_ROUNDS.size(); i++) {
                List<BrowserSession> roundUsers = users(stack, "writes" + i, 5);
                Map<String, Double> before = writes(stack);
                round(stack, roundUsers, 10, WRITE_ROUNDS.get(i), shapes[i][0], false);
                Map<String, Double> after = writes(stack);
                double seconds = (shapes[i][0] - 1) * shapes[i][1] / 1000.0;
                budget.info(String.format("  %3d chunks %2d ms apart (%.2f s streamed)", shapes[i][0], shapes[i][1], seconds),
                        describeWrites(before, after, 50));
            }
            budget.info("  budget", "store writes grow with seconds streamed, never with chunks: compare the rows");
            budget.printSummary("500 concurrent streams (" + Machine.describe() + ")");
        }
        return budget;
    }

    private static List<BrowserSession> users(BenchStack stack, String prefix, int count) throws Exception {
        List<BrowserSession> sessions = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            sessions.add(stack.signIn(prefix + "-" + u + "@example.com"));
        }
        return sessions;
    }

    /** Every session opens {@code socketsPerUser} sockets; all send at once; checks what sockets and store end with. */
    private void round(BenchStack stack, List<BrowserSession> sessions, int socketsPerUser, String model, int chunks,
            boolean report) throws Exception {
        List<Stream> streams = new ArrayList<>();
        for (int u = 0; u < sessions.size(); u++) {
            for (int s = 0; s < socketsPerUser; s++) {
                Stream stream = new Stream("q" + u + "s" + s + "r" + id().substring(0, 6), chunks);
                stream.socket = TimedSocket.open(sessions.get(u), stream::onFrame);
                streams.add(stream);
            }
        }
        Map<String, Double> writesBefore = writes(stack);
        Map<String, Double> droppedBefore = stack.counter(LocalStack.LLM_PROXY, "z3chat_replies_dropped_total");
        for (Stream stream : streams) {
            stream.sentAt = System.nanoTime();
            stream.socket.send(Map.of("type", "send", "requestId", stream.messageId, "chatId", stream.chatId,
                    "message", Map.of("id", stream.messageId, "content", stream.question), "model", model));
        }
        for (Stream stream : streams) {
            if (!stream.ended.await(5, TimeUnit.MINUTES)) {
                stream.problem("no done within 5 minutes");
            }
        }
        Map<String, Long> savedAt = awaitSaved(stack.database().getCollection("messages"), streams);
        streams.forEach(s -> s.socket.close());
        if (!report) {
            long failed = streams.stream().filter(s -> s.problem != null).count();
            if (failed > 0) {
                System.out.println("  " + failed + " of " + streams.size() + " streams failed, first: "
                        + streams.stream().filter(s -> s.problem != null).findFirst().map(s -> s.problem).orElse(""));
            }
            return;
        }

        int inOrder = 0;
        int completeInTime = 0;
        int doneComplete = 0;
        Latencies ack = new Latencies();
        Latencies firstDelta = new Latencies();
        Latencies saveAfterDone = new Latencies();
        List<String> problems = new ArrayList<>();
        for (Stream s : streams) {
            if (s.problem == null && s.expected.contentEquals(s.received)) {
                inOrder++;
            } else if (problems.size() < 5) {
                problems.add(s.problem != null ? s.problem : "text differs: got " + s.received.length() + " of " + s.expected.length() + " chars");
            }
            if ("complete".equals(s.doneStatus)) {
                doneComplete++;
            }
            if (s.ackAt > 0) {
                ack.add(s.ackAt - s.sentAt);
            }
            if (s.firstDeltaAt > 0) {
                firstDelta.add(s.firstDeltaAt - s.sentAt);
            }
            Long saved = s.replyId == null ? null : savedAt.get(s.replyId);
            if (saved != null && s.doneAt > 0) {
                saveAfterDone.add(Math.max(0, saved - s.doneAt));
                if (saved - s.doneAt <= SAVE_BUDGET.toNanos()) {
                    completeInTime++;
                }
            }
        }
        StoreCheck check = checkStore(stack.database(), streams);
        Map<String, Double> droppedAfter = stack.counter(LocalStack.LLM_PROXY, "z3chat_replies_dropped_total");
        double dropped = droppedAfter.values().stream().mapToDouble(Double::doubleValue).sum()
                - droppedBefore.values().stream().mapToDouble(Double::doubleValue).sum();

        int n = streams.size();
        budget.info("time to ack (send -> ack)", ack.summary());
        budget.info("time to first delta (send -> first delta)", firstDelta.summary());
        budget.info("reply saved complete after its done", saveAfterDone.summary());
        budget.holds("every token delivered in order, with done complete", inOrder == n && doneComplete == n,
                inOrder + "/" + n + " in order, " + doneComplete + "/" + n + " done complete" + (problems.isEmpty() ? "" : "; " + problems));
        budget.holds("every reply saved complete within 30 s of its done", completeInTime == n,
                completeInTime + "/" + n + " (" + check.complete + " complete at the end)");
        budget.holds("every reply saved exactly once (one question, one reply per chat)", check.exactlyOnce == n,
                check.exactlyOnce + "/" + n);
        budget.holds("none dropped (llm-proxy z3chat_replies_dropped_total)", dropped == 0, String.format("%.0f dropped", dropped));
        budget.holds("none left streaming 30 s after the last done", check.streaming == 0, check.streaming + " streaming");
        budget.info("store writes per reply in this round", describeWrites(writesBefore, writes(stack), n));
    }

    private record StoreCheck(int complete, int exactlyOnce, int streaming) {
    }

    /** Polls the store until every reply is complete with its text, or 30 s after the last done: when each became so. */
    private static Map<String, Long> awaitSaved(MongoCollection<Document> messages, List<Stream> streams)
            throws InterruptedException {
        Map<String, Stream> byReply = new HashMap<>();
        streams.stream().filter(s -> s.replyId != null).forEach(s -> byReply.put(s.replyId, s));
        Map<String, Long> savedAt = new ConcurrentHashMap<>();
        long lastDone = streams.stream().mapToLong(s -> s.doneAt).max().orElse(System.nanoTime());
        long deadline = Math.max(lastDone, System.nanoTime()) + SAVE_BUDGET.toNanos() + Duration.ofSeconds(5).toNanos();
        while (savedAt.size() < byReply.size() && System.nanoTime() < deadline) {
            List<String> waiting = byReply.keySet().stream().filter(id -> !savedAt.containsKey(id)).toList();
            long now = System.nanoTime();
            for (Document message : messages.find(Filters.and(Filters.in("_id", waiting), Filters.eq("status", "complete")))) {
                Stream stream = byReply.get(message.getString("_id"));
                if (stream.expected.equals(message.getString("content"))) {
                    savedAt.put(stream.replyId, now);
                }
            }
            Thread.sleep(200);
        }
        return savedAt;
    }

    private static StoreCheck checkStore(com.mongodb.client.MongoDatabase database, List<Stream> streams) {
        MongoCollection<Document> messages = database.getCollection("messages");
        List<String> chatIds = streams.stream().map(s -> s.chatId).toList();
        Map<String, List<Document>> byChat = new HashMap<>();
        for (Document message : messages.find(Filters.in("chatId", chatIds))) {
            byChat.computeIfAbsent(message.getString("chatId"), c -> new ArrayList<>()).add(message);
        }
        int complete = 0;
        int exactlyOnce = 0;
        int streaming = 0;
        for (Stream s : streams) {
            List<Document> inChat = byChat.getOrDefault(s.chatId, List.of());
            List<Document> replies = inChat.stream().filter(m -> "assistant".equals(m.getString("role"))).toList();
            long questions = inChat.stream().filter(m -> "user".equals(m.getString("role"))).count();
            boolean saved = replies.size() == 1 && "complete".equals(replies.get(0).getString("status"))
                    && s.expected.equals(replies.get(0).getString("content"));
            if (saved) {
                complete++;
            }
            if (saved && questions == 1) {
                exactlyOnce++;
            }
            streaming += (int) replies.stream().filter(m -> "streaming".equals(m.getString("status"))).count();
        }
        return new StoreCheck(complete, exactlyOnce, streaming);
    }

    /** llm-proxy's checkpoint and final writes, per outcome. */
    private static Map<String, Double> writes(BenchStack stack) throws Exception {
        Map<String, Double> all = new HashMap<>();
        String llmProxy = LocalStack.LLM_PROXY;
        stack.counter(llmProxy, "z3chat_checkpoint_writes_total").forEach((labels, v) -> all.put("checkpoint" + labels, v));
        stack.counter(llmProxy, "z3chat_final_writes_total").forEach((labels, v) -> all.put("final" + labels, v));
        return all;
    }

    private static String describeWrites(Map<String, Double> before, Map<String, Double> after, int replies) {
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (var entry : new java.util.TreeMap<>(after).entrySet()) {
            double delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            if (delta > 0) {
                text.append(String.format("%s %.2f, ", entry.getKey(), delta / replies));
                total += delta;
            }
        }
        return String.format("%.2f writes per reply (%s)", total / replies, text.length() == 0 ? "none" : text.substring(0, text.length() - 2));
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }
}
