package io.z3chat.gateway.api;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.testing.Metrics;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stubs;

@QuarkusTest
@GatewayTest
class SseFallbackTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void sendWithoutASocketStreamsTheSameEvents() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("sse"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String messageId = Ids.newId();
        Response response = browser.api().body(body("q1", messageId, "Hello over SSE"))
                .post("/api/chat/" + chat.id + "/messages");
        response.then().statusCode(200).contentType("text/event-stream;charset=utf-8");
        List<JsonObject> events = parse(response.asString());
        assertEquals(List.of("ack", "start", "delta", "delta", "delta", "done"),
                events.stream().map(e -> e.getString("type")).toList());
        assertEquals(messageId, events.get(0).getString("messageId"));
        assertEquals("q1", events.get(0).getString("requestId"));
        assertEquals("complete", events.get(5).getString("status"));
        assertEquals(browser.email(), Stubs.persistence().calls("PUT", "/chats/" + chat.id + "/messages/" + messageId)
                .get(0).claims().getString("sub"));
    }

    @Test
    void anEditOverSseIsANewVersionAndItsReplyStreams() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("sseedit"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.owner = browser.email();
        String first = Ids.newId();
        browser.api().body(body("f0", first, "first question")).post("/api/chat/" + chat.id + "/messages")
                .then().statusCode(200);
        String edited = Ids.newId();
        chat.script = ChatStubs.reply("over SSE");
        List<JsonObject> events = parse(browser.api().body(new JsonObject(body("f1", edited, "edited over SSE"))
                .put("editOf", first).encode())
                .post("/api/chat/" + chat.id + "/messages").then().statusCode(200).extract().asString());
        assertEquals(List.of("ack", "start", "delta", "done"), events.stream().map(e -> e.getString("type")).toList());
        assertEquals(edited, events.get(0).getString("messageId"));
        assertEquals("f1", events.get(0).getString("requestId"));
        String reply = events.get(1).getString("messageId");
        JsonObject generation = Stubs.llmProxy().calls("POST", "/generations").stream()
                .map(io.z3chat.gateway.support.Stub.Call::json)
                .filter(request -> reply.equals(request.getString("messageId"))).findFirst().orElseThrow();
        assertEquals(1, generation.getJsonArray("messages").size(), "an edit of the first message has nothing before it");
        assertEquals("edited over SSE", generation.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals(new JsonObject().put("id", edited).put("content", "edited over SSE").put("model", "test/model"),
                Stubs.persistence().calls("POST", "/chats/" + chat.id + "/messages/" + first + "/versions").get(0).json());
        browser.api().get("/api/chat/" + chat.id).then().statusCode(200)
                .body("messages.id", is(List.of(edited, reply)))
                .body("messages[0].version", is(2)).body("messages[0].previousVersionId", is(first))
                .body("messages[0].nextVersionId", nullValue());
    }

    @Test
    void anEditOverSseOfAnotherUsersMessageIsAPlain404() {
        Browser owner = Browser.signIn(idp, Browser.uniqueEmail("sseowner"));
        Browser intruder = Browser.signIn(idp, Browser.uniqueEmail("sseintruder"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.owner = owner.email();
        String first = Ids.newId();
        owner.api().body(body("o1", first, "mine")).post("/api/chat/" + chat.id + "/messages").then().statusCode(200);
        intruder.api().body(new JsonObject(body("i1", Ids.newId(), "theirs?")).put("editOf", first).encode())
                .post("/api/chat/" + chat.id + "/messages").then().statusCode(404).body("error.code", is("not_found"));
        intruder.api().body(new JsonObject(body("i2", Ids.newId(), "x")).put("editOf", "bad!").encode())
                .post("/api/chat/" + chat.id + "/messages").then().statusCode(400).body("error.code", is("invalid_request"));
        assertEquals(2, chat.messages.size(), "nothing stored");
    }

    @Test
    void theUsersSocketsOnTheChatSeeAReplySentOverSse() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ssetab"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String earlier = ChatStubs.newGenerationId();
        chat.addStreaming(Ids.newId(), earlier, "Earlier", Stubs.llmProxy().url()).put("status", "complete");
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(new JsonObject().put("type", "resume").put("chatId", chat.id).put("generationId", earlier)
                    .put("offset", 7));
            socket.until("done");
            List<JsonObject> events = parse(browser.api().body(body("q5", Ids.newId(), "from the fallback"))
                    .post("/api/chat/" + chat.id + "/messages").then().statusCode(200).extract().asString());
            assertEquals(events.subList(1, events.size()), socket.until("done"));
        }
    }

    @Test
    void failuresBeforeTheMessageIsSavedArePlainHttpErrors() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ssedown"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.putStatus = 503;
        browser.api().body(body("q2", Ids.newId(), "x")).post("/api/chat/" + chat.id + "/messages")
                .then().statusCode(503).body("error.code", is("unavailable"));
        browser.api().body("{\"message\":{\"id\":\"short\",\"content\":\"x\"},\"model\":\"m\"}")
                .post("/api/chat/" + chat.id + "/messages").then().statusCode(400).body("error.code", is("invalid_request"));
        browser.api().body("not json").post("/api/chat/" + chat.id + "/messages").then().statusCode(400);
    }

    @Test
    void aSendOverTheUsersMessageLimitIs429WithRetryAfter() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ssechatty"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.putStatus = 429;
        browser.api().body(body("q1", Ids.newId(), "one too many")).post("/api/chat/" + chat.id + "/messages")
                .then().statusCode(429).body("error.code", is("rate_limited")).header("Retry-After", "42");
    }

    @Test
    void aStalledClientIsCutOffWhileTheGenerationGoesOn() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ssestalled"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        AtomicBoolean released = new AtomicBoolean();
        AtomicInteger deltas = new AtomicInteger();
        chat.script = ChatStubs.flood(released, deltas);
        double before = Metrics.slowConsumersDisconnected("sse");
        byte[] body = body("s1", Ids.newId(), "flood me").getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("localhost", RestAssured.port));
            String head = "POST /api/chat/" + chat.id + "/messages HTTP/1.1\r\nHost: localhost:" + RestAssured.port
                    + "\r\nCookie: " + browser.cookieHeader() + "\r\nOrigin: " + Browser.ORIGIN
                    + "\r\nX-Requested-With: z3chat\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // and never reads a byte
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Metrics.slowConsumersDisconnected("sse") > before);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilTrue(released);
        }
        String generationId = chat.messages.get(1).getString("generationId");
        assertTrue(Stubs.llmProxy().calls("DELETE", "/generations/.*").stream().noneMatch(c -> c.path().contains(generationId)),
                "the generation was not cancelled: llm-proxy goes on and saves the reply");
        assertTrue(deltas.get() < ChatStubs.FLOOD_LIMIT, "the gateway let go of the stream");
    }

    private static String body(String requestId, String messageId, String content) {
        return new JsonObject().put("requestId", requestId)
                .put("message", new JsonObject().put("id", messageId).put("content", content))
                .put("model", "test/model").encode();
    }

    static List<JsonObject> parse(String stream) {
        List<JsonObject> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                JsonObject json = new JsonObject(data);
                assertEquals(event, json.getString("type"), "event name and type agree");
                events.add(json);
            }
        }
        return events;
    }
}
