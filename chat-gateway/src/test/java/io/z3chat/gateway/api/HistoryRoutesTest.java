package io.z3chat.gateway.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.RestAssured;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;
import io.z3chat.gateway.testing.TestTokens;

/**
 * Search, exports, the import and share links: forwarded to persistence-service as the signed-in user, with only their
 * documented parameters, exports and imports streamed through rather than held.
 */
@QuarkusTest
@GatewayTest
class HistoryRoutesTest {

    private static final long WAIT_SECONDS = 20;

    @OidcWireMock
    WireMockServer idp;

    @Test
    void searchForwardsEveryDocumentedParameterAsTheUser() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("searcher"));
        Stubs.persistence().json("GET", "/search", 200, "{\"hits\":[],\"hasMore\":false}");
        browser.request().queryParam("q", "\"exact phrase\" ü&x=1").queryParam("from", "2026-01-01")
                .queryParam("to", "2026-02-01T10:00:00+01:00").queryParam("chatId", "chat_12345678")
                .queryParam("limit", 5).queryParam("cursor", "c+1/x=")
                .queryParam("user", "mallory@example.com").queryParam("userEmail", "mallory@example.com")
                .get("/api/search").then().statusCode(200).body("hasMore", is(false));
        Stub.Call call = last(Stubs.persistence().calls("GET", "/search"), browser.email());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("q", "\"exact phrase\" ü&x=1");
        expected.put("from", "2026-01-01");
        expected.put("to", "2026-02-01T10:00:00+01:00");
        expected.put("chatId", "chat_12345678");
        expected.put("limit", "5");
        expected.put("cursor", "c+1/x=");
        assertEquals(expected, decode(call.query()));
        assertEquals(browser.email(), TestTokens.verifyGatewayToken(call.token(), "persistence-service").getSubject());
    }

    @Test
    void shareLinksAreCreatedAndRevokedAsTheUser() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("sharer"));
        String chatId = Ids.newId();
        String path = "/chats/" + chatId + "/share";
        Stubs.persistence().on("POST", path, (call, response) -> response.setStatusCode(201)
                .putHeader("Content-Type", "application/json")
                .end("{\"id\":\"AbCdEfGhIjKlMnOpQrStUv\",\"createdAt\":\"2026-11-01T10:00:00.000Z\"}"));
        Stubs.persistence().on("DELETE", path, (call, response) -> response.setStatusCode(204).end());

        browser.api().body("{\"expiresAt\":\"2027-01-01T00:00:00Z\"}").post("/api/chat/" + chatId + "/share")
                .then().statusCode(201).body("id", is("AbCdEfGhIjKlMnOpQrStUv"));
        browser.api().post("/api/chat/" + chatId + "/share").then().statusCode(201);
        browser.api().delete("/api/chat/" + chatId + "/share").then().statusCode(204);

        List<Stub.Call> creates = Stubs.persistence().calls("POST", path);
        assertEquals(2, creates.size());
        assertEquals("2027-01-01T00:00:00Z", creates.get(0).json().getString("expiresAt"));
        assertEquals(new JsonObject(), creates.get(1).json(), "no body: no expiry");
        Stub.Call revoke = Stubs.persistence().calls("DELETE", path).get(0);
        for (Stub.Call call : List.of(creates.get(0), creates.get(1), revoke)) {
            assertEquals(browser.email(), TestTokens.verifyGatewayToken(call.token(), "persistence-service").getSubject());
        }

        // not the user's chat: persistence's 404 passes through
        String other = Ids.newId();
        Stubs.persistence().json("POST", "/chats/" + other + "/share", 404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"No such chat\"}}");
        browser.api().post("/api/chat/" + other + "/share").then().statusCode(404).body("error.code", is("not_found"));
    }

    @Test
    void exportsAreForwardedAsTheUserAndStreamedAsTheyAreWritten() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("exporter"));
        String chatId = Ids.newId();
        Buffer first = Buffer.buffer("# A long chat\n\n" + "a line of the chat\n".repeat(5_000));
        Buffer rest = Buffer.buffer("the end\n");
        CompletableFuture<Void> markdownArrived = new CompletableFuture<>();
        Stubs.persistence().on("GET", "/chats/" + chatId + "/export", (call, response) -> {
            response.setChunked(true).putHeader("Content-Type", "text/markdown; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"A long chat.md\"");
            response.write(first);
            // the rest only once the browser holds the first part: a gateway that held the download would wait forever
            markdownArrived.thenRun(() -> Stubs.vertx().runOnContext(ignored -> response.end(rest)));
        });
        Download markdown = download(browser, "/api/chat/" + chatId + "/export?format=markdown&user=mallory",
                first.length(), markdownArrived);
        assertEquals(200, markdown.status());
        assertEquals(first.toString() + rest, markdown.body().toString());
        assertEquals("attachment; filename=\"A long chat.md\"", markdown.headers().get("Content-Disposition"));
        assertTrue(markdown.headers().get("Content-Type").startsWith("text/markdown"));
        Stub.Call chatExport = last(Stubs.persistence().calls("GET", "/chats/" + chatId + "/export"), browser.email());
        assertEquals("format=markdown", chatExport.query());
        TestTokens.verifyGatewayToken(chatExport.token(), "persistence-service");

        CompletableFuture<Void> everythingArrived = new CompletableFuture<>();
        Stubs.persistence().on("GET", "/export", (call, response) -> {
            response.setChunked(true).putHeader("Content-Type", "application/json");
            response.write(Buffer.buffer("{\"format\":\"z3chat.export\",\"version\":1,\"chats\":[")).onSuccess(ignored ->
                    response.write(first));
            everythingArrived.thenRun(() -> Stubs.vertx().runOnContext(ignored -> response.end("]}")));
        });
        Download everything = download(browser, "/api/export?format=markdown", first.length(), everythingArrived);
        assertEquals(200, everything.status());
        assertTrue(everything.body().toString().endsWith("]}"));
        Stub.Call allExport = last(Stubs.persistence().calls("GET", "/export"), browser.email());
        assertEquals("", allExport.query() == null ? "" : allExport.query(), "GET /export takes no parameter");
        assertEquals(browser.email(), TestTokens.verifyGatewayToken(allExport.token(), "persistence-service").getSubject());
    }

    @Test
    void exportsFromAStoreThatFailsAreJsonErrors() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("exportdown"));
        String failing = Ids.newId();
        Stubs.persistence().json("GET", "/chats/" + failing + "/export", 500,
                "{\"trace\":\"java.lang.IllegalStateException at io.z3chat\"}");
        browser.request().get("/api/chat/" + failing + "/export").then().statusCode(503)
                .body("error.code", is("unavailable")).body(not(containsString("IllegalState")));
        String gone = Ids.newId();
        Stubs.persistence().on("GET", "/chats/" + gone + "/export", (call, response) -> call.request().connection().close());
        browser.request().get("/api/chat/" + gone + "/export").then().statusCode(503).body("error.code", is("unavailable"));
        String foreign = Ids.newId();
        Stubs.persistence().json("GET", "/chats/" + foreign + "/export", 404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"No such chat\"}}");
        browser.request().get("/api/chat/" + foreign + "/export").then().statusCode(404).body("error.code", is("not_found"));
    }

    @Test
    void importIsForwardedAsTheUserAndStreamedAsItIsUploaded() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("uploader"));
        int firstLength = 256 * 1024;
        Buffer first = Buffer.buffer("{\"format\":\"z3chat.export\",\"version\":1,\"chats\":[" + " ".repeat(firstLength));
        Buffer rest = Buffer.buffer("]}");
        CompletableFuture<Void> firstPartForwarded = new CompletableFuture<>();
        AtomicReference<String> contentType = new AtomicReference<>();
        Stubs.persistence().onStream("POST", "/imports", request -> {
            AtomicLong received = new AtomicLong();
            contentType.set(request.getHeader("Content-Type"));
            request.handler(chunk -> {
                if (received.addAndGet(chunk.length()) >= first.length()) {
                    firstPartForwarded.complete(null);
                }
            });
            request.endHandler(ignored -> request.response().putHeader("Content-Type", "application/json")
                    .end("{\"format\":\"z3chat\",\"importedCount\":0,\"received\":" + received.get() + "}"));
        });

        HttpClient client = Stubs.vertx().createHttpClient();
        try {
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                    .setPort(RestAssured.port).setURI("/api/import").putHeader("Cookie", browser.cookieHeader())
                    .putHeader("Origin", Browser.ORIGIN).putHeader("X-Requested-With", "z3chat")
                    .putHeader("Content-Type", "application/json");
            client.request(options).onSuccess(request -> {
                request.setChunked(true);
                request.response().compose(response -> response.body().map(body -> new JsonObject()
                        .put("status", response.statusCode()).put("body", new JsonObject(body))))
                        .onSuccess(answer::complete).onFailure(answer::completeExceptionally);
                request.write(first);
                // the rest only once persistence holds the first part: a gateway that read the whole upload first
                // would wait forever
                firstPartForwarded.thenRun(() -> request.end(rest));
            }).onFailure(answer::completeExceptionally);
            JsonObject result = await(answer, "the upload was held back until it ended: not streamed");
            assertEquals(200, result.getInteger("status"));
            assertEquals(first.length() + rest.length(), result.getJsonObject("body").getInteger("received"));
        } finally {
            client.close();
        }
        Stub.Call call = last(Stubs.persistence().calls("POST", "/imports"), browser.email());
        TestTokens.verifyGatewayToken(call.token(), "persistence-service");
        assertEquals("application/json", contentType.get());
    }

    @Test
    void aCrossSiteImportIsRefusedBeforeItReachesPersistence() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("forgedimport"));
        int before = Stubs.persistence().calls("POST", "/imports").size();
        browser.request().header("Origin", "https://evil.example").contentType("text/plain").body("{\"chats\":[]}")
                .post("/api/import").then().statusCode(403).body("error.code", is("forbidden"));
        assertEquals(before, Stubs.persistence().calls("POST", "/imports").size());
    }

    /** What the browser got: status, headers and the whole body. */
    private record Download(int status, io.vertx.core.MultiMap headers, Buffer body) {
    }

    /** Downloads {@code path}, completing {@code firstPartArrived} once {@code firstLength} bytes are in. */
    private static Download download(Browser browser, String path, int firstLength,
            CompletableFuture<Void> firstPartArrived) throws Exception {
        HttpClient client = Stubs.vertx().createHttpClient();
        try {
            CompletableFuture<Download> done = new CompletableFuture<>();
            RequestOptions options = new RequestOptions().setHost("localhost").setPort(RestAssured.port).setURI(path)
                    .putHeader("Cookie", browser.cookieHeader());
            client.request(options).compose(request -> request.send()).onSuccess(response -> {
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    body.appendBuffer(chunk);
                    if (body.length() >= firstLength) {
                        firstPartArrived.complete(null);
                    }
                });
                response.exceptionHandler(done::completeExceptionally);
                response.endHandler(ignored -> done.complete(new Download(response.statusCode(), response.headers(), body)));
            }).onFailure(done::completeExceptionally);
            return await(done, "the download was held back until it ended: not streamed");
        } finally {
            client.close();
        }
    }

    private static <T> T await(CompletableFuture<T> future, String whenStuck) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(whenStuck, e);
        }
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Stub.Call last(List<Stub.Call> calls, String user) {
        return calls.stream().filter(c -> user.equals(c.claims().getString("sub"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no call as " + user));
    }
}
