package io.z3chat.llmproxy.fake;

import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.testing.Contract;

/**
 * A fake persistence-service (PATCH of assistant messages, with the contract's rules for checkpoints and finishes)
 * and a fake gateway callback endpoint, both checking the caller's signed token. Every exchange is checked against
 * the committed OpenAPI documents of persistence-service and the gateway ({@link #takeViolations()}).
 */
public final class FakePersistence {

    public static final String CALLBACK_PATH = "/internal/generations/callback";
    /** persistence-service's z3chat.messages.max-content-length: longer content is 413, a permanent refusal. */
    public static final int MAX_CONTENT = 100_000;

    /** One PATCH that was taken ({@code applied}: it changed the stored message). */
    public record Patch(String chatId, String messageId, String user, JsonObject body, boolean applied) {
        public String status() {
            return body.getString("status");
        }

        public String content() {
            return body.getString("content");
        }
    }

    public record Callback(String user, JsonObject body) {
    }

    /** What both services answer a bad token with. */
    private static final String UNAUTHORIZED = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad token\"}}";

    private final Vertx vertx;
    private final PublicKey publicKey;
    private final Contract persistenceContract = Contract.persistence();
    private final Contract gatewayContract = Contract.gateway();
    private HttpServer server;
    private volatile boolean down;
    private final AtomicInteger refusedWhileDown = new AtomicInteger();
    private final AtomicInteger badTokens = new AtomicInteger();
    private final List<Patch> patches = new CopyOnWriteArrayList<>();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> stored = new ConcurrentHashMap<>();
    /** Checkpoints of these messages are taken in but not answered until released. */
    private final Map<String, List<Runnable>> held = new ConcurrentHashMap<>();
    /** Statuses the next finishing PATCHes of a message are refused with, in order. */
    private final Map<String, Deque<Integer>> refusals = new ConcurrentHashMap<>();

    public FakePersistence(Vertx vertx, PublicKey publicKey) {
        this.vertx = vertx;
        this.publicKey = publicKey;
    }

    public int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    public void stop() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    /** While down every PATCH is answered 503 and nothing is stored. */
    public void down(boolean isDown) {
        down = isDown;
    }

    public int refusedWhileDown() {
        return refusedWhileDown.get();
    }

    public int badTokens() {
        return badTokens.get();
    }

    /** From now on this message's checkpoints arrive (and are counted) but get no answer until {@link #release}. */
    public void holdCheckpoints(String messageId) {
        held.put(messageId, new CopyOnWriteArrayList<>());
    }

    /** Checkpoints received and not answered yet. */
    public int heldCheckpoints(String messageId) {
        List<Runnable> waiting = held.get(messageId);
        return waiting == null ? 0 : waiting.size();
    }

    /** Answers the held checkpoints, in arrival order (each applied only now, as a late one would be). */
    public void release(String messageId) {
        List<Runnable> waiting = held.remove(messageId);
        if (waiting != null) {
            vertx.runOnContext(ignored -> waiting.forEach(Runnable::run));
        }
    }

    /** The next finishing PATCHes of this message are answered with these statuses (and not stored), in order. */
    public void refuseFinishes(String messageId, Integer... statuses) {
        refusals.put(messageId, new ArrayDeque<>(List.of(statuses)));
    }

    public List<Patch> patches(String messageId) {
        return patches.stream().filter(p -> p.messageId().equals(messageId)).toList();
    }

    /** Finishing PATCHes that were stored (not no-op repeats). */
    public List<Patch> finishes(String messageId) {
        return patches(messageId).stream().filter(p -> !"streaming".equals(p.status()) && p.applied()).toList();
    }

    public List<Callback> callbacks(String messageId) {
        return callbacks.stream().filter(c -> messageId.equals(c.body().getString("messageId"))).toList();
    }

    /**
     * What the contracts found wrong, since the last call, in the requests llm-proxy sent and in the answers this fake
     * gave.
     */
    public List<String> takeViolations() {
        List<String> all = new ArrayList<>(persistenceContract.takeViolations());
        all.addAll(gatewayContract.takeViolations());
        return all;
    }

    /** One request as it arrived, its body read. */
    private record Received(HttpServerRequest request, String body, Contract contract) {
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            if (request.path().equals(CALLBACK_PATH) && request.method().name().equals("POST")) {
                Received received = new Received(request, buffer.toString(), gatewayContract);
                String user = verify(request, "chat-gateway");
                if (user == null) {
                    answer(received, 401, UNAUTHORIZED);
                    return;
                }
                callbacks.add(new Callback(user, buffer.toJsonObject()));
                answer(received, 204, null);
            } else if (request.method().name().equals("PATCH") && request.path().matches("/chats/[^/]+/messages/[^/]+")) {
                patch(new Received(request, buffer.toString(), persistenceContract), buffer.toJsonObject());
            } else {
                request.response().setStatusCode(404).end();
            }
        });
    }

    /** Answers, after checking the exchange against the contract of the service this fake stands in for. */
    private void answer(Received received, int status, String json) {
        Map<String, String> headers = new HashMap<>();
        received.request().headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
        received.contract().check(new Contract.Exchange(received.request().method().name(), received.request().path(),
                received.request().query(), headers, received.body(), status, json == null ? null : "application/json",
                json));
        var response = received.request().response().setStatusCode(status);
        if (json == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json").end(json);
        }
    }

    private void patch(Received received, JsonObject body) {
        HttpServerRequest request = received.request();
        if (down) {
            refusedWhileDown.incrementAndGet();
            answer(received, 503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"down\"}}");
            return;
        }
        String user = verify(request, "persistence-service");
        if (user == null) {
            answer(received, 401, UNAUTHORIZED);
            return;
        }
        if (body.getString("content", "").length() > MAX_CONTENT) {
            request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"code\":\"payload_too_large\",\"message\":\"content is too long\"}}");
            return;
        }
        String[] path = request.path().split("/");
        String chatId = path[2];
        String messageId = path[4];
        boolean checkpoint = "streaming".equals(body.getString("status"));
        List<Runnable> holding = held.get(messageId);
        if (checkpoint && holding != null) {
            holding.add(() -> store(received, user, chatId, messageId, body));
            return;
        }
        Deque<Integer> refusing = refusals.get(messageId);
        Integer refusal = checkpoint || refusing == null ? null : refusing.poll();
        if (refusal != null) {
            patches.add(new Patch(chatId, messageId, user, body, false));
            answer(received, refusal, "{\"error\":{\"code\":\"refused\",\"message\":\"refused by the test\"}}");
            return;
        }
        store(received, user, chatId, messageId, body);
    }

    /** Stores the PATCH and answers with the message as persistence-service would. */
    private void store(Received received, String user, String chatId, String messageId, JsonObject body) {
        boolean applied = apply(messageId, body);
        patches.add(new Patch(chatId, messageId, user, body, applied));
        answer(received, 200, message(chatId, messageId, stored.get(messageId)).encode());
    }

    /** persistence-service's Message: the stored fields, the ids and the role. */
    private static JsonObject message(String chatId, String messageId, JsonObject patch) {
        JsonObject message = patch.copy().put("id", messageId).put("chatId", chatId).put("role", "assistant");
        message.remove("checkpoint");
        return message;
    }

    /** The contract: checkpoints only grow and never reopen; a finish is final, repeating it is a no-op. */
    private synchronized boolean apply(String messageId, JsonObject body) {
        JsonObject current = stored.get(messageId);
        boolean finished = current != null && !"streaming".equals(current.getString("status"));
        boolean checkpoint = "streaming".equals(body.getString("status"));
        if (finished || (checkpoint && current != null
                && body.getString("content").length() < current.getString("content").length())) {
            return false;
        }
        stored.put(messageId, body.copy());
        return true;
    }

    private String verify(HttpServerRequest request, String audience) {
        String header = request.getHeader("Authorization");
        try {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setVerificationKey(publicKey)
                    .setExpectedIssuer("llm-proxy-service")
                    .setExpectedAudience(audience)
                    .setRequireSubject()
                    .setRequireIssuedAt()
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .build();
            JwtClaims claims = consumer.processToClaims(header.substring("Bearer ".length()));
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            if (lifetime != 120) {
                throw new IllegalStateException("lifetime " + lifetime);
            }
            return claims.getSubject();
        } catch (Exception e) {
            badTokens.incrementAndGet();
            return null;
        }
    }
}
