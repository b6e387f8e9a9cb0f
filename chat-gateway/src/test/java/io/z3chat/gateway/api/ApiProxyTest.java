package io.z3chat.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.buffer.Buffer;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;
import io.z3chat.gateway.testing.TestTokens;

@QuarkusTest
@GatewayTest
class ApiProxyTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void listForwardsOnlyDocumentedParametersAsTheSessionUser() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("lister"));
        Stubs.persistence().json("GET", "/chats", 200, "{\"chats\":[],\"total\":0,\"limit\":5,\"offset\":0}");
        browser.request().queryParam("limit", 5).queryParam("q", "a b&c").queryParam("user", "mallory@example.com")
                .queryParam("userEmail", "mallory@example.com").get("/api/chat")
                .then().statusCode(200).body("total", is(0));
        Stub.Call call = last(Stubs.persistence().calls("GET", "/chats"), browser.email());
        assertEquals("limit=5&q=a+b%26c", call.query());
        JwtClaims claims = TestTokens.verifyGatewayToken(call.token(), "persistence-service");
        assertEquals(browser.email(), claims.getSubject());
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertTrue(claims.getJwtId() != null);
    }

    @Test
    void theUserNeverComesFromTheBody() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("creator"));
        Stubs.persistence().json("POST", "/chats", 201, "{\"id\":\"chat-created-1\",\"title\":\"New chat\"}");
        browser.api().body("{\"title\":\"x\",\"userEmail\":\"mallory@example.com\"}").post("/api/chat")
                .then().statusCode(201).body("id", is("chat-created-1"));
        Stub.Call call = last(Stubs.persistence().calls("POST", "/chats"), browser.email());
        assertEquals(browser.email(), call.claims().getString("sub"));
    }

    @Test
    void downstreamClientErrorsPassThroughWithTheirJson() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("conflict"));
        String chatId = Ids.newId();
        Stubs.persistence().on("PUT", "/chats/" + chatId, (call, response) -> response.setStatusCode(409)
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":{\"code\":\"version_conflict\",\"message\":\"stale version\"}}"));
        browser.api().header("If-Match", "\"3\"").body("{\"title\":\"renamed\"}").put("/api/chat/" + chatId)
                .then().statusCode(409).body("error.code", is("version_conflict")).body("error.message", is("stale version"));
        assertEquals("\"3\"", Stubs.persistence().calls("PUT", "/chats/" + chatId).get(0).headers().get("If-Match"));

        Stubs.persistence().json("GET", "/chats/" + chatId + "/messages", 404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"No such chat\"}}");
        browser.request().get("/api/chat/" + chatId).then().statusCode(404).body("error.code", is("not_found"));
    }

    @Test
    void etagOfAPagePassesThrough() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("etag"));
        String chatId = Ids.newId();
        Stubs.persistence().on("GET", "/chats/" + chatId + "/messages", (call, response) -> response
                .putHeader("Content-Type", "application/json").putHeader("ETag", "\"7\"")
                .end("{\"chatId\":\"" + chatId + "\",\"messages\":[],\"hasMore\":false}"));
        browser.request().queryParam("before", "abc").queryParam("limit", 10).get("/api/chat/" + chatId)
                .then().statusCode(200).header("ETag", "\"7\"").body("chatId", is(chatId));
        assertEquals("limit=10&before=abc", Stubs.persistence().calls("GET", "/chats/" + chatId + "/messages").get(0).query());
    }

    @Test
    void malformedIdsAreRejectedBeforeAnyDownstreamCall() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("badid"));
        browser.request().get("/api/chat/short").then().statusCode(400).body("error.code", is("invalid_request"));
        browser.request().get("/api/chat/..%2F..%2Fadmin").then().statusCode(400);
        browser.request().get("/api/nothing-here").then().statusCode(404).body("error.code", is("not_found"));
    }

    @Test
    void downstreamDownIsUnavailableJson() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("down"));
        String chatId = Ids.newId();
        Stubs.persistence().on("DELETE", "/chats/" + chatId, (call, response) -> call.request().connection().close());
        browser.api().delete("/api/chat/" + chatId).then().statusCode(503).body("error.code", is("unavailable"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        Stubs.persistence().json("POST", "/chats/" + chatId + "/restore", 500, "{\"trace\":\"java.lang.NullPointerException\"}");
        browser.api().post("/api/chat/" + chatId + "/restore").then().statusCode(503)
                .body("error.code", is("unavailable")).body(org.hamcrest.Matchers.not(containsString("NullPointer")));
    }

    @Test
    void downstreamTimeoutIsUnavailableJson() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("slow"));
        String chatId = Ids.newId();
        Stubs.persistence().on("POST", "/chats/" + chatId + "/share", (call, response) -> {
            // never answers
        });
        browser.api().body("{}").post("/api/chat/" + chatId + "/share").then().statusCode(503)
                .body("error.code", is("unavailable"));
    }

    @Test
    void sharedChatReadsWorkSignedOutAsAnonymousPageByPage() throws Exception {
        String shareId = "AbCdEfGhIjKlMnOpQrStUv";
        Stubs.persistence().json("GET", "/shared/" + shareId, 200,
                "{\"title\":\"Shared\",\"messages\":[],\"hasMore\":true,\"nextCursor\":\"c+2/x=\"}");
        given().queryParam("limit", 2).queryParam("cursor", "c+1/x=").queryParam("user", "mallory@example.com")
                .get("/api/shared/" + shareId).then().statusCode(200).body("title", is("Shared"))
                .body("nextCursor", is("c+2/x=")).header("X-Robots-Tag", "noindex");
        Stub.Call call = Stubs.persistence().calls("GET", "/shared/" + shareId).get(0);
        assertEquals("limit=2&cursor=c%2B1%2Fx%3D", call.query());
        JwtClaims claims = TestTokens.verifyGatewayToken(call.token(), "persistence-service");
        assertEquals("anonymous", claims.getSubject());
        given().get("/api/shared/x").then().statusCode(404);
        assertTrue(Stubs.persistence().calls("GET", "/shared/x").isEmpty(), "a malformed id never leaves the gateway");
    }

    @Test
    void modelsComeFromLlmProxyAndSearchFromPersistence() {
        String email = Browser.uniqueEmail("models");
        Stubs.llmProxy().json("GET", "/models", 200, "{\"models\":[{\"id\":\"z3chat/offline\"}],\"stale\":false}");
        given().auth().oauth2(Idp.accessToken(email)).get("/api/models").then().statusCode(200)
                .body("models[0].id", is("z3chat/offline"));
        Stub.Call models = last(Stubs.llmProxy().calls("GET", "/models"), email);
        TestTokens.verifyGatewayToken(models.token(), "llm-proxy-service");

        Stubs.persistence().json("GET", "/search", 200, "{\"hits\":[],\"hasMore\":false}");
        given().auth().oauth2(Idp.accessToken(email)).queryParam("q", "hello").queryParam("from", "2026-01-01")
                .get("/api/search").then().statusCode(200).body("hasMore", is(false));
        assertEquals("q=hello&from=2026-01-01", last(Stubs.persistence().calls("GET", "/search"), email).query());
    }

    @Test
    void exportsStreamThroughWithTheirHeaders() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("exporter"));
        byte[] chunk = new byte[64 * 1024];
        new Random(7).nextBytes(chunk);
        int chunks = 64;
        Stubs.persistence().on("GET", "/export", (call, response) -> {
            response.setChunked(true).putHeader("Content-Type", "application/json")
                    .putHeader("Content-Disposition", "attachment; filename=\"z3chat-export.json\"");
            writeChunks(response, Buffer.buffer(chunk), chunks);
        });
        byte[] body = browser.request().get("/api/export").then().statusCode(200)
                .header("Content-Disposition", containsString("z3chat-export.json"))
                .extract().asByteArray();
        assertEquals(chunk.length * chunks, body.length);
        byte[] first = java.util.Arrays.copyOf(body, chunk.length);
        assertArrayEquals(chunk, first);

        String chatId = Ids.newId();
        Stubs.persistence().on("GET", "/chats/" + chatId + "/export", (call, response) -> response
                .putHeader("Content-Type", "text/markdown").end("# Title\n"));
        browser.request().queryParam("format", "markdown").get("/api/chat/" + chatId + "/export").then().statusCode(200)
                .contentType(containsString("text/markdown")).body(is("# Title\n"));
        assertEquals("format=markdown", Stubs.persistence().calls("GET", "/chats/" + chatId + "/export").get(0).query());
    }

    @Test
    void importStreamsTheUploadAndRefusesOversizedOnes() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("importer"));
        Stubs.persistence().on("POST", "/imports", (call, response) -> response.putHeader("Content-Type",
                "application/json").end("{\"format\":\"z3chat\",\"imported\":[],\"skipped\":[],\"received\":"
                        + call.body().length() + "}"));
        String upload = "{\"chats\":[" + "{\"title\":\"t\"},".repeat(100_000) + "{}]}";
        browser.api().body(upload).post("/api/import").then().statusCode(200).body("format", is("z3chat"))
                .body("received", is(upload.length()));
        assertTrue(upload.length() > 1024 * 1024, "larger than the JSON body limit, under the import limit");

        int imports = Stubs.persistence().calls("POST", "/imports").size();
        String tooBig = "x".repeat(3 * 1024 * 1024);
        browser.api().body(tooBig).post("/api/import").then().statusCode(413).body("error.code", is("payload_too_large"))
                .body("error.message", is("The file is larger than the import limit of 2 MiB"));
        assertEquals(imports, Stubs.persistence().calls("POST", "/imports").size(), "refused on its Content-Length alone");
    }

    @Test
    void aChunkedImportIsCutAtTheLimit() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("chunked"));
        java.util.concurrent.atomic.AtomicLong forwarded = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean endedNormally = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Void> aborted = new java.util.concurrent.CompletableFuture<>();
        Stubs.persistence().onStream("POST", "/imports", request -> {
            request.handler(chunk -> forwarded.addAndGet(chunk.length()));
            request.exceptionHandler(ignored -> aborted.complete(null));
            request.connection().closeHandler(ignored -> aborted.complete(null));
            request.endHandler(ignored -> {
                // a cut upload must never look complete to persistence, or it would import a truncated file
                endedNormally.set(true);
                request.response().putHeader("Content-Type", "application/json").end("{\"format\":\"z3chat\"}");
            });
        });
        var client = Stubs.vertx().createHttpClient();
        var options = new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST)
                .setHost("localhost").setPort(io.restassured.RestAssured.port).setURI("/api/import")
                .putHeader("Cookie", browser.cookieHeader()).putHeader("Origin", Browser.ORIGIN)
                .putHeader("X-Requested-With", "z3chat").putHeader("Content-Type", "application/json");
        java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
        client.request(options).onSuccess(request -> {
            request.setChunked(true);
            request.response().onSuccess(response -> status.complete(response.statusCode()))
                    .onFailure(status::completeExceptionally);
            Buffer chunk = Buffer.buffer("x".repeat(64 * 1024));
            writeUpload(request, chunk, 64);
        }).onFailure(status::completeExceptionally);
        assertEquals(413, status.get(30, java.util.concurrent.TimeUnit.SECONDS));
        aborted.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(endedNormally.get(), "the upload to persistence was aborted, not ended");
        assertTrue(forwarded.get() <= 2 * 1024 * 1024, "persistence never got more than the limit: " + forwarded.get());
        client.close();
    }

    private static void writeUpload(io.vertx.core.http.HttpClientRequest request, Buffer chunk, int remaining) {
        if (remaining == 0) {
            request.end();
            return;
        }
        request.write(chunk).onSuccess(ignored -> writeUpload(request, chunk, remaining - 1));
    }

    @Test
    void jsonBodiesOverTheLimitAreRefused() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("big"));
        // the refusal comes from the declared length, before the body is read: the client sends the head and waits
        // for the answer (writing all 2 MiB first races the server closing the connection: a broken pipe, no 413)
        var client = Stubs.vertx().createHttpClient();
        var options = new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST)
                .setHost("localhost").setPort(io.restassured.RestAssured.port).setURI("/api/chat")
                .putHeader("Cookie", browser.cookieHeader()).putHeader("Origin", Browser.ORIGIN)
                .putHeader("X-Requested-With", "z3chat").putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", String.valueOf(2 * 1024 * 1024 + 12));
        java.util.concurrent.CompletableFuture<io.vertx.core.json.JsonObject> answer =
                new java.util.concurrent.CompletableFuture<>();
        client.request(options).onSuccess(request -> {
            request.response().onSuccess(response -> response.body().onSuccess(body -> answer.complete(
                    new io.vertx.core.json.JsonObject().put("status", response.statusCode()).put("body", body.toString())))
                    .onFailure(answer::completeExceptionally)).onFailure(answer::completeExceptionally);
            request.write("{\"title\":\"xxxx");
        }).onFailure(answer::completeExceptionally);
        var result = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(413, result.getInteger("status"));
        assertEquals("payload_too_large",
                new io.vertx.core.json.JsonObject(result.getString("body")).getJsonObject("error").getString("code"));
        client.close();
    }

    private static void writeChunks(io.vertx.core.http.HttpServerResponse response, Buffer chunk, int remaining) {
        if (remaining == 0) {
            response.end();
            return;
        }
        response.write(chunk).onSuccess(ignored -> writeChunks(response, chunk, remaining - 1));
    }

    private static Stub.Call last(List<Stub.Call> calls, String user) {
        return calls.stream().filter(c -> user.equals(c.claims().getString("sub"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no call as " + user));
    }
}
