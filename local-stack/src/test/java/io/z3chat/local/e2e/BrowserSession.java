package io.z3chat.local.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * What a browser does, done with the JDK HTTP client: it follows the real authorization-code
 * flow through the gateway and the local OIDC provider (posting the provider's login form),
 * keeps the session cookie, calls the browser API and opens WebSockets with that cookie.
 */
public final class BrowserSession {

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String gatewayUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    /** Sockets carry the session cookie themselves: a client of their own without the cookie handler. */
    private final HttpClient sockets = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BrowserSession(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** Signs in as {@code email}: /login → provider login page → post the form → back to the gateway. */
    public void signIn(String email) throws IOException, InterruptedException {
        HttpResponse<String> response = get(URI.create(gatewayUrl + "/login?next=/"));
        int hops = 0;
        while (response.statusCode() / 100 == 3) {
            response = get(location(response));
            if (++hops > 10) {
                throw new AssertionError("redirect loop while signing in");
            }
        }
        if (response.statusCode() != 200 || !response.body().contains("<form")) {
            throw new AssertionError("expected the provider's login form, got " + response.statusCode() + ": " + response.body());
        }
        // the form has no action: it posts back to the authorization URL it was served from
        URI authorize = response.uri();
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&claims=";
        response = http.send(HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        hops = 0;
        while (response.statusCode() / 100 == 3) {
            response = get(location(response));
            if (++hops > 10) {
                throw new AssertionError("redirect loop after the login form");
            }
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in ended with " + response.statusCode() + ": " + response.body());
        }
    }

    public HttpResponse<String> api(String pathAndQuery) throws IOException, InterruptedException {
        return get(URI.create(gatewayUrl + pathAndQuery));
    }

    public JsonNode apiJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = api(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A change as the app's own page makes it: session cookie, the site's Origin and the CSRF header. */
    public HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Origin", gatewayUrl)
                .header("X-Requested-With", "z3chat")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET without any cookie: someone who only has a link. */
    static HttpResponse<String> signedOutGet(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code /ws/chat} on the given gateway with this session's cookies and the public origin. */
    ChatSocket openSocket(String socketGatewayUrl, String origin) {
        ChatSocket socket = new ChatSocket();
        socket.attach(connect(socketGatewayUrl, origin, socket).join());
        return socket;
    }

    /** Opens {@code /ws/chat} with this session's cookies, handing its frames to the listener. */
    public CompletableFuture<WebSocket> connect(String socketGatewayUrl, String origin, WebSocket.Listener listener) {
        return sockets.newWebSocketBuilder()
                .header("Cookie", cookieHeader())
                .header("Origin", origin)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(socketGatewayUrl.replaceFirst("^http", "ws") + "/ws/chat"), listener);
    }

    /** The session's cookies as a {@code Cookie} header, for a client that speaks HTTP itself. */
    String cookieHeader() {
        return cookies.getCookieStore().get(URI.create(gatewayUrl)).stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("redirect without Location from " + response.uri()));
        return response.uri().resolve(location);
    }
}
