package io.z3chat.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The web UI's routes (SPEC 6) all answer the app's page ({@code app.html}); the app reads the route itself.
 * Its scripts and styles are files under {@code /assets/} (built by Vite into the jar's static
 * resources), so the CSP needs no inline anything. The page is never cached (it names the
 * current build's assets); the assets' names carry their content hash.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AppResource {

    static final String INDEX = "META-INF/resources/app.html";

    private volatile String index;

    @GET
    public Response home() {
        return app();
    }

    @GET
    @Path("chat/{chatId}")
    public Response chat(@PathParam("chatId") String chatId) {
        return app();
    }

    @GET
    @Path("share/{shareId}")
    public Response share(@PathParam("shareId") String shareId) {
        // the public page of a share link: not for search engines (the app adds the meta tag as well)
        return Response.fromResponse(app()).header(Pages.ROBOTS, Pages.NOINDEX).build();
    }

    @GET
    @Path("archived")
    public Response archived() {
        return app();
    }

    private Response app() {
        String html = index();
        if (html == null) {
            return Response.status(503).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("The web UI is not in this build (chat-gateway/src/main/webui is built by mvn package).\n")
                    .build();
        }
        return Response.ok(html).header("Cache-Control", "no-cache").build();
    }

    private String index() {
        String html = index;
        if (html == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
                if (in == null) {
                    return null;
                }
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                index = html;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return html;
    }
}
