package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The streaming parser under an {@link ImportReader}. Bad JSON becomes an {@link ImportFileException}; any other
 * failure of the stream (a broken connection, a size limit) stays what it is, in an {@link UncheckedIOException}.
 */
final class ExportParser implements Closeable {

    private final JsonParser parser;
    /** Reads one value at the parser's position; the mapper may refuse trailing tokens, a stream always has them. */
    private final ObjectReader values;

    ExportParser(InputStream in, ObjectMapper mapper) {
        this.values = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.parser = createParser(mapper, in);
        // The caller owns the stream; exports by other apps may repeat a key, which JSON allows.
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    JsonToken next() {
        return guarded(parser::nextToken);
    }

    String fieldName() {
        return guarded(parser::currentName);
    }

    /** The value that starts at the current token, read whole. */
    JsonNode value() {
        return guarded(() -> values.readTree(parser));
    }

    /**
     * Reads the rest of the top-level value after its conversations and checks nothing follows it.
     *
     * @return the top-level object's fields that came after the conversations (empty for a list)
     */
    ObjectNode finish() {
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        while (!parser.getParsingContext().inRoot()) {
            JsonToken token = next();
            if (token == null) {
                break;
            }
            if (token == JsonToken.FIELD_NAME) {
                String name = fieldName();
                next();
                rest.set(name, value());
            }
        }
        if (next() != null) {
            throw ImportFileException.trailingContent(parser.currentTokenLocation());
        }
        return rest;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface JsonStep<T> {
        T run() throws IOException;
    }

    private static JsonParser createParser(ObjectMapper mapper, InputStream in) {
        try {
            return mapper.getFactory().createParser(in); // reads the first bytes, to tell the encoding
        } catch (IOException e) {
            throw failure(e, null);
        }
    }

    private <T> T guarded(JsonStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw failure(e, parser);
        }
    }

    private static RuntimeException failure(IOException e, JsonParser parser) {
        if (e instanceof JsonProcessingException json) {
            // Limits (nesting, lengths) are reported without a location; the parser still knows it.
            return ImportFileException.notJson(json,
                    json.getLocation() != null || parser == null ? json.getLocation() : parser.currentLocation());
        }
        if (e instanceof CharConversionException) {
            // Raised by the encoding detection only, so it is about the file, not the connection.
            return new ImportFileException("not valid JSON: " + e.getMessage());
        }
        return new UncheckedIOException(e);
    }
}
