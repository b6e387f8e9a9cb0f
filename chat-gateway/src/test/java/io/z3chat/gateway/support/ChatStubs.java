package io.z3chat.gateway.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.testing.Contract;

/**
 * Stateful stand-ins for the chat side of persistence-service and llm-proxy-service: chats whose ids start with
 * {@code wsc_} keep their messages in memory, and each chat has a script for its next generation.
 */
public final class ChatStubs {

    /** What llm-proxy does for {@code POST /generations} of a chat. */
    public interface Script {
        void run(ChatState chat, JsonObject request, String generationId, HttpServerResponse response);
    }

    /** One stub chat. */
    public static final class ChatState {
        public final String id;
        public final List<JsonObject> messages = new CopyOnWriteArrayList<>();
        public volatile String titleSource = "auto";
        public volatile String title = "Auto title";
        public volatile Script script = reply("Hel", "lo ", "world");
        public volatile int putStatus = 201;
        /** How many starts llm-proxy refuses with 503 (a draining replica) before it takes one. */
        public final AtomicInteger startRefusals = new AtomicInteger();
        public final AtomicInteger starts = new AtomicInteger();
        public volatile JsonObject titleAnswer = new JsonObject().put("title", "A generated title");
        public volatile int titleStatus = 200;
        /** When set, the user message's PUT is answered only once the chat's history has been read. */
        public volatile boolean putWaitsForHistoryRead;
        /** Completed by the first {@code GET /chats/{id}/messages}. */
        public final CompletableFuture<Void> historyRead = new CompletableFuture<>();

        ChatState(String id) {
            this.id = id;
        }

        public JsonObject json() {
            return new JsonObject().put("id", id).put("title", title).put("titleSource", titleSource)
                    .put("messageCount", messages.size()).put("version", 1);
        }

        /** As llm-proxy's first checkpoint: the assistant message, streaming, owned by the llm-proxy stub. */
        public JsonObject addStreaming(String messageId, String generationId, String content, String owner) {
            JsonObject message = new JsonObject().put("id", messageId).put("chatId", id).put("role", "assistant")
                    .put("content", content).put("status", "streaming").put("model", "test/model")
                    .put("generationId", generationId).put("generationOwner", owner);
            messages.add(message);
            return message;
        }
    }

    public static final Map<String, ChatState> CHATS = new ConcurrentHashMap<>();
    /** Completed by {@code DELETE /generations/{id}}. */
    public static final Map<String, CompletableFuture<Void>> CANCELS = new ConcurrentHashMap<>();
    /** What {@code GET /generations/{id}/events} answers. */
    public static final Map<String, Script> FOLLOW = new ConcurrentHashMap<>();

    private static boolean installed;

    private ChatStubs() {
    }

    public static ChatState newChat() {
        install();
        ChatState chat = new ChatState("wsc_" + Ids.newId());
        CHATS.put(chat.id, chat);
        return chat;
    }

    public static String newGenerationId() {
        return "gen_" + Ids.newId();
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Stub persistence = Stubs.persistence();
        Stub llm = Stubs.llmProxy();
        Contract persistenceSide = Stubs.persistenceContract();
        Contract llmSide = Stubs.llmProxyContract();
        persistence.on("PUT", "/chats/wsc_[^/]+/messages/[^/]+", (call, response) -> {
            ChatState chat = chatOf(call.path());
            if (chat.putStatus == 429) {
                // what persistence-service answers once the user's messages of this minute are used up
                response.setStatusCode(429).putHeader("Content-Type", "application/json").putHeader("Retry-After", "42")
                        .end("{\"error\":{\"code\":\"rate_limited\",\"message\":\"more than 20 messages a minute\"}}");
                return;
            }
            if (chat.putStatus != 201) {
                json(persistenceSide, call, response, chat.putStatus, error("unavailable"));
                return;
            }
            String messageId = call.path().substring(call.path().lastIndexOf('/') + 1);
            JsonObject body = call.json();
            JsonObject message = new JsonObject().put("id", messageId).put("chatId", chat.id)
                    .put("role", body.getString("role")).put("content", body.getString("content"))
                    .put("status", "complete");
            Runnable save = () -> {
                chat.messages.add(message);
                json(persistenceSide, call, response, 201, message);
            };
            if (chat.putWaitsForHistoryRead) {
                chat.historyRead.thenRun(() -> Stubs.vertx().runOnContext(ignored -> save.run()));
            } else {
                save.run();
            }
        });
        persistence.on("GET", "/chats/wsc_[^/]+/generations/[^/]+", (call, response) -> {
            ChatState chat = chatOf(call.path());
            String generationId = call.path().substring(call.path().lastIndexOf('/') + 1);
            chat.messages.stream().filter(m -> generationId.equals(m.getString("generationId"))).findFirst()
                    .ifPresentOrElse(m -> json(persistenceSide, call, response, 200, m),
                            () -> json(persistenceSide, call, response, 404, error("not_found")));
        });
        persistence.on("GET", "/chats/wsc_[^/]+/messages", (call, response) -> {
            ChatState chat = chatOf(call.path());
            int limit = Integer.parseInt(call.request().getParam("limit", "50"));
            List<JsonObject> all = chat.messages;
            List<JsonObject> page = List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
            chat.historyRead.complete(null);
            json(persistenceSide, call, response, 200, new JsonObject().put("chatId", chat.id)
                    .put("title", chat.title).put("chat", chat.json()).put("messages", new JsonArray(page))
                    .put("hasMore", all.size() > page.size()).put("hasNewer", false));
        });
        persistence.on("GET", "/chats/wsc_[^/]+",
                (call, response) -> json(persistenceSide, call, response, 200, chatOf(call.path()).json()));
        persistence.on("PUT", "/chats/wsc_[^/]+", (call, response) -> {
            ChatState chat = chatOf(call.path());
            JsonObject body = call.json();
            if ("llm".equals(body.getString("titleSource")) && "auto".equals(chat.titleSource)) {
                chat.title = body.getString("title");
                chat.titleSource = "llm";
            }
            json(persistenceSide, call, response, 200, chat.json());
        });
        llm.on("POST", "/generations", (call, response) -> {
            llmSide.checkRequest(call.exchange(200, null, null));
            JsonObject request = call.json();
            ChatState chat = CHATS.get(request.getString("chatId"));
            if (chat == null) {
                json(llmSide, call, response, 404, error("not_found"));
                return;
            }
            chat.starts.incrementAndGet();
            if (chat.startRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                json(llmSide, call, response, 503, new JsonObject().put("error", new JsonObject().put("code", "unavailable")
                        .put("message", "this replica is shutting down")));
                return;
            }
            chat.script.run(chat, request, newGenerationId(), response);
        });
        llm.on("GET", "/generations/[^/]+/events", (call, response) -> {
            llmSide.checkRequest(call.exchange(200, null, null));
            String generationId = call.path().split("/")[2];
            Script script = FOLLOW.get(generationId);
            if (script == null) {
                json(llmSide, call, response, 404, error("not_found"));
                return;
            }
            script.run(null, new JsonObject().put("from", call.request().getParam("from")), generationId, response);
        });
        llm.on("DELETE", "/generations/[^/]+", (call, response) -> {
            CompletableFuture<Void> cancel = CANCELS.get(call.path().split("/")[2]);
            if (cancel == null) {
                json(llmSide, call, response, 404, error("not_found"));
                return;
            }
            llmSide.check(call.exchange(202, null, null));
            response.setStatusCode(202).end();
            cancel.complete(null);
        });
        llm.on("POST", "/titles", (call, response) -> {
            ChatState chat = CHATS.get(call.json().getString("chatId"));
            json(llmSide, call, response, chat.titleStatus, chat.titleStatus == 200 ? chat.titleAnswer
                    : error("unavailable"));
        });
    }

    /** Streams start, the deltas and done complete; the reply is then stored complete, as llm-proxy would. */
    public static Script reply(String... deltas) {
        return (chat, request, generationId, response) -> {
            JsonObject message = chat.addStreaming(request.getString("messageId"), generationId, "", Stubs.llmProxy().url());
            Stub.startSse(response);
            Stub.event(response, start(generationId, chat.id, request.getString("messageId")));
            int offset = 0;
            StringBuilder text = new StringBuilder();
            for (String delta : deltas) {
                Stub.event(response, delta(generationId, offset, delta));
                offset += delta.length();
                text.append(delta);
            }
            message.put("content", text.toString()).put("status", "complete");
            Stub.event(response, new JsonObject().put("type", "done").put("generationId", generationId)
                    .put("messageId", request.getString("messageId")).put("status", "complete")
                    .put("usage", new JsonObject().put("promptTokens", 3).put("completionTokens", 2).put("totalTokens", 5)));
            response.end();
        };
    }

    /** The owner replica answering a follow: {@code start}, the rest of {@code text} from the asked offset, done. */
    public static Script restFrom(String chatId, String messageId, String text) {
        return (ignored, request, generationId, response) -> {
            int from = Integer.parseInt(request.getString("from"));
            Stub.startSse(response);
            Stub.event(response, start(generationId, chatId, messageId));
            Stub.event(response, delta(generationId, from, text.substring(from)));
            Stub.event(response, done(generationId, messageId, "complete"));
            response.end();
        };
    }

    /** At most this many deltas are flooded. */
    public static final int FLOOD_LIMIT = 20_000;

    /**
     * Floods 4 KiB deltas as fast as the gateway takes them (at most {@link #FLOOD_LIMIT}); {@code released} is set
     * once the gateway lets go of the stream, {@code deltas} counts what was written.
     */
    public static Script flood(AtomicBoolean released, AtomicInteger deltas) {
        String chunk = "x".repeat(4096);
        return (chat, request, generationId, response) -> {
            chat.addStreaming(request.getString("messageId"), generationId, "", Stubs.llmProxy().url());
            Stub.startSse(response);
            response.closeHandler(ignored -> released.set(true));
            response.exceptionHandler(ignored -> released.set(true));
            Stub.event(response, start(generationId, chat.id, request.getString("messageId")));
            flood(response, generationId, chunk, deltas, released);
        };
    }

    private static void flood(HttpServerResponse response, String generationId, String chunk, AtomicInteger deltas,
            AtomicBoolean released) {
        while (!released.get() && deltas.get() < FLOOD_LIMIT && !response.writeQueueFull()) {
            int n = deltas.getAndIncrement();
            JsonObject delta = delta(generationId, n * chunk.length(), chunk);
            // the first delta is held to the contract; the thousands like it are not, to flood at full speed
            if (n == 0) {
                Stub.event(response, delta);
            } else {
                Stub.write(response, delta);
            }
        }
        if (!released.get() && deltas.get() < FLOOD_LIMIT) {
            response.drainHandler(ignored -> flood(response, generationId, chunk, deltas, released));
        } else if (!released.get()) {
            response.end();
        }
    }

    public static JsonObject start(String generationId, String chatId, String messageId) {
        return new JsonObject().put("type", "start").put("generationId", generationId).put("chatId", chatId)
                .put("messageId", messageId).put("model", "test/model").put("owner", Stubs.llmProxy().url());
    }

    public static JsonObject delta(String generationId, int offset, String text) {
        return new JsonObject().put("type", "delta").put("generationId", generationId).put("offset", offset)
                .put("text", text);
    }

    public static JsonObject done(String generationId, String messageId, String status) {
        return new JsonObject().put("type", "done").put("generationId", generationId).put("messageId", messageId)
                .put("status", status);
    }

    private static ChatState chatOf(String path) {
        Matcher matcher = Pattern.compile("/chats/(wsc_[^/]+).*").matcher(path);
        matcher.matches();
        return CHATS.get(matcher.group(1));
    }

    /** Answers {@code call} with JSON, after holding the exchange to the contract of the service stubbed. */
    private static void json(Contract contract, Stub.Call call, HttpServerResponse response, int status,
            JsonObject body) {
        contract.check(call.exchange(status, "application/json", body.encode()));
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static JsonObject error(String code) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", "stub: " + code));
    }
}
