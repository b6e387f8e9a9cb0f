package io.z3chat.llmproxy.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Another service's committed OpenAPI document, and the check of what a fake of that service takes in and answers
 * against it: a renamed field on either side fails the test that met it instead of a deployment. Unknown fields
 * are violations too; a {@code null} member counts as absent, as the services' records read it.
 */
public final class Contract {

    /** One exchange with a fake: the request as the client sent it and the answer the fake gave. */
    public record Exchange(String method, String path, String query, Map<String, String> headers, String body,
            int status, String responseType, String responseBody) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final OpenApiInteractionValidator validator;
    private final OpenAPI api;
    private final SchemaValidator schemas;
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private Contract(String name, Path document) {
        if (!Files.exists(document)) {
            throw new IllegalStateException("no OpenAPI document at " + document.toAbsolutePath());
        }
        this.name = name;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.api = new OpenAPIV3Parser().read(document.toString(), null, options);
        this.validator = OpenApiInteractionValidator.createFor(api).build();
        this.schemas = new SchemaValidator(api, new MessageResolver(LevelResolver.create().build()));
    }

    /** persistence-service's document, as that module's drift test keeps it. */
    public static Contract persistence() {
        return new Contract("persistence-service", Path.of("..", "persistence-service", "openapi", "openapi.yaml"));
    }

    /** chat-gateway's document (its callback for llm-proxy), as that module's drift test keeps it. */
    public static Contract gateway() {
        return new Contract("chat-gateway", Path.of("..", "chat-gateway", "openapi", "openapi.yaml"));
    }

    /** The violations of one exchange (none when both sides keep to the document); each is also kept. */
    public List<String> check(Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(exchange.method()),
                exchange.path());
        exchange.headers().forEach(request::withHeader);
        if (exchange.query() != null && !exchange.query().isEmpty()) {
            for (String pair : exchange.query().split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        if (exchange.body() != null && !exchange.body().isEmpty()) {
            request.withBody(withoutNulls(exchange.body()));
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        if (exchange.responseType() != null) {
            response.withContentType(exchange.responseType());
        }
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(withoutNulls(exchange.responseBody()));
        }
        List<String> found = describe(exchange.method() + " " + exchange.path() + " -> " + exchange.status(),
                validator.validate(request.build(), response.build()));
        violations.addAll(found);
        return found;
    }

    /** The violations of {@code json} against the document's component schema {@code component}; each is kept. */
    public synchronized List<String> checkSchema(String component, String json) {
        Schema<?> schema = api.getComponents().getSchemas().get(component);
        if (schema == null) {
            throw new IllegalArgumentException(name + " documents no schema " + component);
        }
        List<String> found = describe(component + " " + json,
                schemas.validate(withoutNulls(json), schema, component));
        violations.addAll(found);
        return found;
    }

    /** The violations met since the last call, each naming the exchange it was met in. */
    public synchronized List<String> takeViolations() {
        List<String> taken = List.copyOf(violations);
        violations.removeAll(taken);
        return taken;
    }

    /** JSON with its {@code null} members left out (anything else unchanged, so a bad document stays bad). */
    private static String withoutNulls(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            drop(tree);
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static void drop(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                } else {
                    drop(field.getValue());
                }
            });
            object.remove(nulls);
        } else if (node != null && node.isArray()) {
            node.forEach(Contract::drop);
        }
    }

    private List<String> describe(String what, ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> name + " contract, " + what + ": " + m.getMessage()).toList();
    }
}
