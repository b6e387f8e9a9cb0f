package io.z3chat.local.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.z3chat.local.e2e.Exchanges.awaitStatus;
import static io.z3chat.local.e2e.Exchanges.randomId;
import static io.z3chat.local.e2e.Exchanges.readUntilDone;
import static io.z3chat.local.e2e.Exchanges.sendFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversation branches through the real services: send, regenerate a reply, edit a message, switch back, over the
 * real socket and browser API. The scripted upstream shows what the model was sent as history (only the selected
 * path), the pages show the versions and the selected path, and a second user can do none of it in the chat.
 */
class ConversationBranchesIT extends ScriptedStack {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    private static final String MODEL = ScriptedOpenRouter.MODEL;

    @Test
    void regenerateEditAndSwitchKeepEveryVersionAndTheModelSeesOnlyTheSelectedPath() throws Exception {
        String gateway = stack.config().gatewayUrl();
        BrowserSession alice = new BrowserSession(gateway);
        alice.signIn("branches@example.com");
        ChatSocket socket = alice.openSocket(gateway, gateway);
        String chatId = randomId();
        String q1 = randomId();
        String q2 = randomId();
        String a1 = exchange(socket, sendFrame("s1", chatId, q1, "say: answer one", MODEL), q1);
        String a2 = exchange(socket, sendFrame("s2", chatId, q2, "say: answer two", MODEL), q2);

        // regenerate the second reply: a fresh id, generated from the path up to the question it answers
        String r2 = exchange(socket, regenerate("g1", chatId, a2), null);
        assertFalse(List.of(q1, a1, q2, a2).contains(r2));
        assertEquals(List.of("user: say: answer one", "assistant: answer one", "user: say: answer two"), lastHistory());
        JsonNode saved = awaitStatus(alice, chatId, r2, "complete", FRAME_TIMEOUT);
        assertEquals("answer two", saved.path("content").asString());
        JsonNode page = alice.apiJson("/api/chat/" + chatId);
        assertEquals(List.of(q1, a1, q2, r2), ids(page));
        assertVersion(page.path("messages").get(3), 2, 2, a2, null);

        // edit the first question: a new first message, answered from nothing but itself
        String e1 = randomId();
        Map<String, Object> edit = sendFrame("e1", chatId, e1, "say: edited answer", MODEL);
        edit.put("editOf", q1);
        String e1Reply = exchange(socket, edit, e1);
        assertEquals(List.of("user: say: edited answer"), lastHistory());
        awaitStatus(alice, chatId, e1Reply, "complete", FRAME_TIMEOUT);
        page = alice.apiJson("/api/chat/" + chatId);
        assertEquals(List.of(e1, e1Reply), ids(page));
        assertVersion(page.path("messages").get(0), 2, 2, q1, null);
        long selection = page.path("chat").path("selectionVersion").asLong();

        // switch back to the first question: its newest path is the regenerated reply's
        HttpResponse<String> switched = alice.send("PUT", "/api/chat/" + chatId + "/selection?limit=20",
                "application/json", "{\"messageId\":\"" + q1 + "\",\"selectionVersion\":" + selection + "}");
        assertEquals(200, switched.statusCode(), switched.body());
        page = BrowserSession.JSON.readTree(switched.body());
        assertEquals(List.of(q1, a1, q2, r2), ids(page));
        assertVersion(page.path("messages").get(0), 1, 2, null, e1);
        assertTrue(page.path("chat").path("selectionVersion").asLong() > selection);
        assertEquals(ids(page), ids(alice.apiJson("/api/chat/" + chatId)), "the chat remembers the selected path");
        // the stale selection version is refused
        HttpResponse<String> stale = alice.send("PUT", "/api/chat/" + chatId + "/selection", "application/json",
                "{\"messageId\":\"" + e1 + "\",\"selectionVersion\":" + selection + "}");
        assertEquals(409, stale.statusCode(), stale.body());

        // and to the first version of the second reply; a send then answers that path
        switched = alice.send("PUT", "/api/chat/" + chatId + "/selection", "application/json",
                "{\"messageId\":\"" + a2 + "\"}");
        assertEquals(200, switched.statusCode(), switched.body());
        assertEquals(List.of(q1, a1, q2, a2), ids(BrowserSession.JSON.readTree(switched.body())));
        assertVersion(BrowserSession.JSON.readTree(switched.body()).path("messages").get(3), 1, 2, null, r2);
        String q3 = randomId();
        String a3 = exchange(socket, sendFrame("s3", chatId, q3, "say: answer three", MODEL), q3);
        assertEquals(List.of("user: say: answer one", "assistant: answer one", "user: say: answer two",
                "assistant: answer two", "user: say: answer three"), lastHistory());
        awaitStatus(alice, chatId, a3, "complete", FRAME_TIMEOUT);
        assertEquals(List.of(q1, a1, q2, a2, q3, a3), ids(alice.apiJson("/api/chat/" + chatId)));
        assertEquals(9, alice.apiJson("/api/chat/" + chatId).path("chat").path("messageCount").asInt(),
                "every version is kept");
        socket.drop();

        // another user can neither regenerate, edit nor switch in the chat
        BrowserSession mallory = new BrowserSession(gateway);
        mallory.signIn("mallory-branches@example.com");
        ChatSocket theirs = mallory.openSocket(gateway, gateway);
        int requests = upstream.replyRequests.size();
        theirs.send(regenerate("m1", chatId, a3));
        assertRefused(theirs.nextOfType("error", FRAME_TIMEOUT), "m1");
        Map<String, Object> theirEdit = sendFrame("m2", chatId, randomId(), "say: mine", MODEL);
        theirEdit.put("editOf", q3);
        theirs.send(theirEdit);
        assertRefused(theirs.nextOfType("error", FRAME_TIMEOUT), "m2");
        assertEquals(404, mallory.send("PUT", "/api/chat/" + chatId + "/selection", "application/json",
                "{\"messageId\":\"" + q1 + "\"}").statusCode());
        theirs.drop();
        assertEquals(requests, upstream.replyRequests.size(), "nothing generated for them");
        assertEquals(List.of(q1, a1, q2, a2, q3, a3), ids(alice.apiJson("/api/chat/" + chatId)), "nothing moved");
        assertEquals(9, alice.apiJson("/api/chat/" + chatId).path("chat").path("messageCount").asInt());
    }

    /** Sends the frame and reads its reply to the end; returns the reply's id (acked {@code acked}, or the ack's). */
    private static String exchange(ChatSocket socket, Map<String, Object> frame, String acked) throws Exception {
        socket.send(frame);
        JsonNode ack = socket.nextOfType("ack", FRAME_TIMEOUT);
        assertEquals(frame.get("requestId"), ack.path("requestId").asString());
        if (acked != null) {
            assertEquals(acked, ack.path("messageId").asString());
        }
        JsonNode start = socket.nextOfType("start", FRAME_TIMEOUT);
        String replyId = start.path("messageId").asString();
        if (acked == null) {
            assertEquals(ack.path("messageId").asString(), replyId, "a regenerate acks the new reply's id");
        }
        JsonNode done = readUntilDone(socket, new StringBuilder(), start.path("generationId").asString(), FRAME_TIMEOUT);
        assertEquals("complete", done.path("status").asString(), done.toString());
        return replyId;
    }

    private static Map<String, Object> regenerate(String requestId, String chatId, String messageId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "regenerate");
        frame.put("requestId", requestId);
        frame.put("chatId", chatId);
        frame.put("messageId", messageId);
        return frame;
    }

    /** The user and assistant messages of the newest reply request the model got, as "role: content". */
    private static List<String> lastHistory() {
        JsonNode request = upstream.replyRequests.get(upstream.replyRequests.size() - 1);
        List<String> history = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asString("");
            if (role.equals("user") || role.equals("assistant")) {
                history.add(role + ": " + message.path("content").asString(""));
            }
        }
        return history;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("messages").forEach(message -> ids.add(message.path("id").asString()));
        return ids;
    }

    private static void assertVersion(JsonNode message, int version, int versions, String previous, String next) {
        assertEquals(version, message.path("version").asInt(), message.toString());
        assertEquals(versions, message.path("versions").asInt(), message.toString());
        assertEquals(previous, message.path("previousVersionId").asString(null), message.toString());
        assertEquals(next, message.path("nextVersionId").asString(null), message.toString());
    }

    private static void assertRefused(JsonNode error, String requestId) {
        assertEquals(requestId, error.path("requestId").asString(), error.toString());
        assertEquals("not_found", error.path("code").asString(), error.toString());
    }
}
