package io.z3chat.persistence.transfer;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.z3chat.persistence.support.StoreSnapshot;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.testing.TestTokens.forUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /imports} with real exports of other apps (src/test/resources/imports, see its README). */
@QuarkusTest
class ImportTest {

    @Inject
    MongoClient mongo;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "chatbotui-librechat-export.json, chatbotui, 2, 0",
            "chatgpt-librechat-citations.json, chatgpt, 1, 0",
            "chatgpt-librechat-export.json, chatgpt, 2, 0",
            "chatgpt-librechat-modern-export.json, chatgpt, 2, 1",
            "chatgpt-librechat-tree.json, chatgpt, 1, 0",
            "chatgpt-owuiimporter-gpt-example.json, chatgpt, 1, 0",
            "claude-chatlore-conversations.json, claude, 2, 1",
            "claude-osteele-claude-bakery-chat.json, claude, 1, 0",
            "claude-osteele-conversations.json, claude, 2, 0",
            "claude-owuiimporter-claude-example.json, claude, 1, 84",
            "claude-owuiimporter-claude-thinking-example.json, claude, 1, 0",
            "librechat-librechat-export.json, librechat, 1, 0",
            "librechat-librechat-linear.json, librechat, 1, 0",
            "librechat-librechat-opts-nonr-branches.json, librechat, 1, 0",
            "librechat-librechat-tree.json, librechat, 1, 0",
            "openwebui-chatanalyzer-sample-chats.json, openwebui, 5, 0",
            "openwebui-librechat-export.json, openwebui, 3, 0",
            "openwebui-owuiimporter-webui-json.json, openwebui, 1, 0"})
    void everyFixtureImportsAndASecondImportOfTheSameFileAddsNothing(String file, String format, int imported,
                                                                    int skipped) {
        var user = newUser();
        var report = upload(user, fixture(file)).then().statusCode(200).extract().jsonPath();
        assertEquals(format, report.getString("format"));
        assertEquals(imported, report.getInt("importedCount"), report.prettify());
        assertEquals(skipped, report.getInt("skippedCount"), report.prettify());
        for (int i = 0; i < imported; i++) {
            var chatId = report.getString("imported[" + i + "].chatId");
            var page = as(user).queryParam("limit", 200).get("/chats/{id}/messages", chatId).then().statusCode(200)
                    .extract().jsonPath();
            // Every version is stored and counted; the page is the visible branch.
            assertEquals(report.getInt("imported[" + i + "].messageCount"), page.getInt("chat.messageCount"));
            assertTrue(page.getList("messages").size() <= page.getInt("chat.messageCount"));
            assertEquals(report.getString("imported[" + i + "].title"), page.getString("title"));
        }
        var before = StoreSnapshot.of(mongo, user);

        var again = upload(user, fixture(file)).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("importedCount"));
        assertEquals(imported + skipped, again.getInt("skippedCount"));
        assertEquals(before, StoreSnapshot.of(mongo, user), "the second import changed nothing");
    }

    @Test
    void aChatGptConversationKeepsItsVisibleBranchTimesAndModel() {
        var user = newUser();
        var report = upload(user, fixture("chatgpt-librechat-tree.json")).then().statusCode(200).extract().jsonPath();
        var chatId = report.getString("imported[0].chatId");
        var page = as(user).get("/chats/{id}/messages", chatId).then().extract().jsonPath();
        assertEquals("Assist user with summary", page.getString("title"));
        assertEquals(List.of("user", "assistant", "user", "assistant", "user", "assistant"), page.getList("messages.role"));
        assertEquals("text-davinci-002-render-sha", page.getString("messages[1].model"));
        assertTrue(page.getString("chat.createdAt").startsWith("2024-05-01T17:37"), page.getString("chat.createdAt"));
        List<String> times = page.getList("messages.timestamp");
        assertEquals(times.stream().sorted().toList(), times, "in order");
        assertTrue(times.get(0).startsWith("2024-05-01"), times.get(0));
        // 6 on the visible branch, 5 in its other versions
        as(user).get("/chats").then().body("chats.find { it.id == '" + chatId + "' }.messageCount", is(11));
    }

    @Test
    void aZ3chatExportDeletedAndImportedGivesBackTheSameChatsAndMessages() {
        var user = newUser();
        var chat = io.z3chat.persistence.support.Api.newId();
        io.z3chat.persistence.support.Api.putMessage(user, chat, io.z3chat.persistence.support.Api.newId(), "user",
                "Explain ```code``` fences");
        as(user).body(Map.of("content", "Like this:\n```java\nint x;\n```", "status", "complete", "model", "m/1",
                        "provider", "P", "usage", Map.of("promptTokens", 1, "completionTokens", 2, "totalTokens", 3)))
                .patch("/chats/{c}/messages/{m}", chat, io.z3chat.persistence.support.Api.newId()).then().statusCode(201);
        as(user).body(Map.of("title", "Fences", "pinned", true, "archived", true)).put("/chats/{id}", chat).then().statusCode(200);
        var exported = as(user).get("/export").then().statusCode(200).extract().asString();

        // Importing while the chat is still there changes nothing.
        upload(user, exported.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("importedCount", is(0)).body("skipped[0].reason", is("already in your chats"));

        as(user).delete("/chats/{id}", chat).then().statusCode(204);
        var report = upload(user, exported.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("format", is("z3chat")).body("importedCount", is(1)).extract().jsonPath();
        var copy = report.getString("imported[0].chatId");
        var reimported = as(user).get("/export").then().statusCode(200).extract().asString();

        var a = JsonPath.from(exported).getMap("chats[0]");
        var b = JsonPath.from(reimported).getMap("chats[0]");
        assertEquals(copy, b.get("id"));
        for (var field : List.of("title", "titleSource", "createdAt", "pinned", "archived", "messageCount", "model")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        var before = JsonPath.from(exported).getList("chats[0].messages", Map.class);
        var after = JsonPath.from(reimported).getList("chats[0].messages", Map.class);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            var x = new java.util.HashMap<>(before.get(i));
            var y = new java.util.HashMap<>(after.get(i));
            x.remove("id");
            y.remove("id");
            assertEquals(x, y, "message " + i);
        }
    }

    @Test
    void aBrokenFileIsAClearErrorAndWhatCameBeforeTheBreakIsKept() {
        var user = newUser();
        var whole = fixture("chatgpt-librechat-export.json");
        // The first conversation ends at 95% of the file: cut inside the second.
        var cut = java.util.Arrays.copyOf(whole, whole.length - 4000);
        upload(user, cut).then().statusCode(400).body("error.code", is("invalid_request"))
                .body("error.message", containsString("line"))
                .body("error.message", containsString("1 conversation(s) before that point were imported"));
        upload(user, whole).then().statusCode(200).body("importedCount", is(1))
                .body("skipped[0].reason", is("imported before"));
    }

    @Test
    void whatIsNotAnExportIsRejectedAndNothingIsStored() {
        var user = newUser();
        for (var body : List.of("", "not json", "{\"foo\": 1}", "[]", "42", "{\"format\": \"z3chat.export\", \"version\": 9, \"chats\": []}")) {
            upload(user, body.getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                    .body("error.code", is("invalid_request"));
        }
        assertEquals(new StoreSnapshot(List.of(), List.of()), StoreSnapshot.of(mongo, user));
    }

    @Test
    void aFileOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        var user = newUser();
        long max = 2 * 1024 * 1024;
        var small = "{\"id\":\"first-chat-id\",\"title\":\"small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        var bigMessage = "x".repeat(90_000);
        var big = new StringBuilder("{\"format\":\"z3chat.export\",\"version\":1,\"chats\":[" + small);
        while (big.length() < max + 100_000) {
            big.append(",{\"title\":\"big\",\"messages\":[{\"role\":\"user\",\"content\":\"").append(bigMessage).append("\"}]}");
        }
        var bytes = big.append("]}").toString().getBytes(StandardCharsets.UTF_8);

        upload(user, bytes).then().statusCode(413).body("error.code", is("payload_too_large"));
        assertEquals(new StoreSnapshot(List.of(), List.of()), StoreSnapshot.of(mongo, user), "refused before reading");

        // Without a declared length (chunked), the import reads up to the limit and reports what it kept.
        var chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/imports"))
                .header("Authorization", "Bearer " + forUser(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        var response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        var error = JsonPath.from(response.body());
        assertEquals("payload_too_large", error.getString("error.code"));
        var kept = java.util.regex.Pattern.compile("the (\\d+) conversation\\(s\\) before that point were imported")
                .matcher(error.getString("error.message"));
        assertTrue(kept.find(), error.getString("error.message"));
        assertEquals(Integer.parseInt(kept.group(1)), StoreSnapshot.of(mongo, user).chats().size());
    }

    @Test
    void aMessageLongerThanTheLimitSkipsItsConversationWithTheReason() {
        var user = newUser();
        var json = "{\"format\":\"z3chat.export\",\"version\":1,\"chats\":["
                + "{\"id\":\"toolongchat1\",\"title\":\"long\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(100_001) + "\"}]},"
                + "{\"id\":\"fine-chat-01\",\"title\":\"fine\",\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}]}";
        upload(user, json.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("importedCount", is(1)).body("imported[0].title", is("fine"))
                .body("skipped[0].title", is("long"))
                .body("skipped[0].reason", is("message 1 is longer than 100000 characters"));
    }

    static Response upload(String user, byte[] body) {
        return given().auth().oauth2(forUser(user)).contentType("application/json").body(body).post("/imports");
    }

    static byte[] fixture(String name) {
        try (var in = ImportTest.class.getResourceAsStream("/imports/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
