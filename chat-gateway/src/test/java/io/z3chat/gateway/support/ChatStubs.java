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

        /** When set, the user (JWT {@code sub}) whose chat this is: anyone else gets 404, as from persistence. */
        public volatile String owner;
        /**
         * The tree, once the chat has a version: each message's parent ("" for a first message) and the selected
         * leaf. Until then the chat is linear: {@link #messages} in order, as before versions existed.
         */
        private final Map<String, String> parentOf = new ConcurrentHashMap<>();
        private volatile String leaf;
        private volatile boolean versioned;
        public volatile long selectionVersion;

        ChatState(String id) {
            this.id = id;
        }

        public JsonObject json() {
            return new JsonObject().put("id", id).put("title", title).put("titleSource", titleSource)
                    .put("messageCount", messages.size()).put("version", 1).put("selectionVersion", selectionVersion);
        }

        /** As llm-proxy's first checkpoint: the assistant message, streaming, owned by the llm-proxy stub. */
        public JsonObject addStreaming(String messageId, String generationId, String content, String owner) {
            JsonObject existing = find(messageId);
            if (existing != null) {
                // a regenerated reply: persistence made it (empty, streaming); llm-proxy writes it by its id
                return existing.put("content", content).put("status", "streaming").put("model", "test/model")
                        .put("generationId", generationId).put("generationOwner", owner);
            }
            JsonObject message = new JsonObject().put("id", messageId).put("chatId", id).put("role", "assistant")
                    .put("content", content).put("status", "streaming").put("model", "test/model")
                    .put("generationId", generationId).put("generationOwner", owner);
            append(message);
            return message;
        }

        /** A message appended to the selected path. */
        public synchronized void append(JsonObject message) {
            if (versioned) {
                parentOf.put(message.getString("id"), leaf == null ? "" : leaf);
                leaf = message.getString("id");
            }
            messages.add(message);
        }

        public JsonObject find(String messageId) {
            return messages.stream().filter(m -> messageId.equals(m.getString("id"))).findFirst().orElse(null);
        }

        /** The selected path, root first. */
        public synchronized List<JsonObject> path() {
            if (!versioned) {
                return List.copyOf(messages);
            }
            java.util.LinkedList<JsonObject> path = new java.util.LinkedList<>();
            for (String at = leaf; at != null && !at.isEmpty(); at = parentOf.get(at)) {
                path.addFirst(find(at));
            }
            return path;
        }

        /** A new version of {@code target} (a sibling of it), selected, as persistence's POST …/versions makes it. */
        synchronized JsonObject addVersion(JsonObject target, String versionId, String content, String model) {
            if (!versioned) {
                String previous = "";
                for (JsonObject m : messages) {
                    parentOf.put(m.getString("id"), previous);
                    previous = m.getString("id");
                }
                leaf = previous.isEmpty() ? null : previous;
                versioned = true;
            }
            boolean edit = "user".equals(target.getString("role"));
            JsonObject version = new JsonObject().put("id", versionId).put("chatId", id)
                    .put("role", target.getString("role")).put("content", edit ? content : "")
                    .put("status", edit ? "complete" : "streaming");
            if (model != null) {
                version.put("model", model);
            }
            parentOf.put(versionId, parentOf.get(target.getString("id")));
            messages.add(version);
            leaf = versionId;
            selectionVersion++;
            return version;
        }

        /** Selects the path through {@code messageId} and, below it, the newest one. */
        synchronized void select(String messageId) {
            if (!versioned) {
                return;
            }
            String newest = messageId;
            for (JsonObject m : messages) {
                if (isUnder(m.getString("id"), messageId)) {
                    newest = m.getString("id");
                }
            }
            leaf = newest;
            selectionVersion++;
        }

        private boolean isUnder(String messageId, String ancestor) {
            for (String at = messageId; at != null && !at.isEmpty(); at = parentOf.get(at)) {
                if (at.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }

        /** {@code message} as a page shows it: with its place among its versions when it has siblings. */
        synchronized JsonObject shown(JsonObject message) {
            JsonObject copy = message.copy();
            if (!versioned) {
                return copy;
            }
            String parent = parentOf.get(message.getString("id"));
            List<String> siblings = messages.stream().map(m -> m.getString("id"))
                    .filter(other -> java.util.Objects.equals(parent, parentOf.get(other))).toList();
            if (siblings.size() > 1) {
                int index = siblings.indexOf(message.getString("id"));
                copy.put("version", index + 1).put("versions", siblings.size());
                if (index > 0) {
                    copy.put("previousVersionId", siblings.get(index - 1));
                }
                if (index < siblings.size() - 1) {
                    copy.put("nextVersionId", siblings.get(index + 1));
                }
            }
            return copy;
        }

        /** The page of the selected path: the newest {@code limit}, or {@code limit} around {@code around}. */
        JsonObject page(int limit, String around) {
            List<JsonObject> path = path();
            int end = path.size();
            int start = Math.max(0, end - limit);
            if (around != null) {
                int at = path.indexOf(find(around));
                start = Math.max(0, Math.min(at - limit / 2, path.size() - limit));
                end = Math.min(path.size(), start + limit);
            }
            JsonArray page = new JsonArray();
            path.subList(start, end).forEach(m -> page.add(shown(m)));
            return new JsonObject().put("chatId", id).put("title", title).put("chat", json()).put("messages", page)
                    .put("hasMore", start > 0).put("hasNewer", end < path.size());
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
            if (notTheirs(persistenceSide, call, response, chat)) {
                return;
            }
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
                chat.append(message);
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
            if (notTheirs(persistenceSide, call, response, chat)) {
                return;
            }
            int limit = Integer.parseInt(call.request().getParam("limit", "50"));
            String around = call.request().getParam("around");
            if (around != null && !onPath(persistenceSide, call, response, chat, around)) {
                return;
            }
            JsonObject page = chat.page(limit, around);
            chat.historyRead.complete(null);
            json(persistenceSide, call, response, 200, page);
        });
        persistence.on("GET", "/chats/wsc_[^/]+/messages/[^/]+", (call, response) -> {
            ChatState chat = chatOf(call.path());
            JsonObject message = chat.find(call.path().substring(call.path().lastIndexOf('/') + 1));
            if (notTheirs(persistenceSide, call, response, chat)) {
                return;
            }
            if (message == null) {
                json(persistenceSide, call, response, 404, error("not_found"));
                return;
            }
            json(persistenceSide, call, response, 200, chat.shown(message));
        });
        persistence.on("POST", "/chats/wsc_[^/]+/messages/[^/]+/versions", (call, response) -> {
            ChatState chat = chatOf(call.path());
            String[] parts = call.path().split("/");
            JsonObject target = chat.find(parts[4]);
            if (notTheirs(persistenceSide, call, response, chat)) {
                return;
            }
            if (target == null) {
                json(persistenceSide, call, response, 404, error("not_found"));
                return;
            }
            JsonObject body = call.json();
            String versionId = body.getString("id");
            String content = body.getString("content");
            boolean edit = "user".equals(target.getString("role"));
            if (!edit && !"assistant".equals(target.getString("role")) || edit == (content == null)) {
                // persistence: content for an edit, none for a regenerate, no versions of a system message
                json(persistenceSide, call, response, 400, error("invalid_request"));
                return;
            }
            JsonObject existing = chat.find(versionId);
            if (existing != null) {
                json(persistenceSide, call, response, 200, chat.shown(existing));
                return;
            }
            if (edit && chat.putStatus == 429) {
                // an edit is a new user message: the message limit refuses it like a send
                response.setStatusCode(429).putHeader("Content-Type", "application/json").putHeader("Retry-After", "42")
                        .end("{\"error\":{\"code\":\"rate_limited\",\"message\":\"more than 20 messages a minute\"}}");
                return;
            }
            JsonObject version = chat.addVersion(target, versionId, content, body.getString("model"));
            json(persistenceSide, call, response, 201, chat.shown(version));
        });
        persistence.on("PUT", "/chats/wsc_[^/]+/selection", (call, response) -> {
            ChatState chat = chatOf(call.path());
            if (notTheirs(persistenceSide, call, response, chat)) {
                return;
            }
            JsonObject body = call.json();
            String messageId = body.getString("messageId");
            if (chat.find(messageId) == null) {
                json(persistenceSide, call, response, 404, error("not_found"));
                return;
            }
            Long expected = body.getLong("selectionVersion");
            if (expected != null && expected != chat.selectionVersion) {
                json(persistenceSide, call, response, 409, error("version_conflict"));
                return;
            }
            chat.select(messageId);
            json(persistenceSide, call, response, 200,
                    chat.page(Integer.parseInt(call.request().getParam("limit", "50")), messageId));
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

    /** Another user's chat is 404, never 403, as persistence answers. */
    private static boolean notTheirs(Contract contract, Stub.Call call, HttpServerResponse response, ChatState chat) {
        if (chat.owner == null || chat.owner.equals(call.claims().getString("sub"))) {
            return false;
        }
        json(contract, call, response, 404, error("not_found"));
        return true;
    }

    /** A page {@code around} a message: 404 when the chat has no such message, 409 when it is off the selected path. */
    private static boolean onPath(Contract contract, Stub.Call call, HttpServerResponse response, ChatState chat,
            String around) {
        JsonObject message = chat.find(around);
        if (message != null && chat.path().contains(message)) {
            return true;
        }
        json(contract, call, response, message == null ? 404 : 409, error(message == null ? "not_found" : "conflict"));
        return false;
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
