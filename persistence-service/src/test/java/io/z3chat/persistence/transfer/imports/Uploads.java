package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.z3chat.persistence.common.JsonSetup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads uploads as the import service will: through the service's own strict ObjectMapper setup. */
final class Uploads {

    static final ObjectMapper MAPPER = serviceMapper();

    private Uploads() {
    }

    /** Everything one upload gave. */
    record Upload(ImportFormat format, List<ImportItem> items) {

        SourceConversation conversation(int index) {
            return assertInstanceOf(SourceConversation.class, items.get(index));
        }

        List<SourceConversation> conversations() {
            return items.stream().map(item -> assertInstanceOf(SourceConversation.class, item)).toList();
        }
    }

    static Upload fixture(String name) {
        return read(new ByteArrayInputStream(fixtureBytes(name)));
    }

    /** A fixture file of src/test/resources/imports, byte for byte. */
    static byte[] fixtureBytes(String name) {
        InputStream in = Uploads.class.getResourceAsStream("/imports/" + name);
        assertNotNull(in, "fixture " + name);
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Upload json(String json) {
        return read(stream(json));
    }

    static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    static Upload read(InputStream in) {
        try (ImportReader reader = ImportReader.open(in, MAPPER)) {
            List<ImportItem> items = new ArrayList<>();
            for (ImportItem item = reader.next(); item != null; item = reader.next()) {
                items.add(item);
            }
            return new Upload(reader.format(), items);
        }
    }

    static List<String> roles(SourceConversation conversation) {
        return conversation.messages().stream().map(SourceMessage::role).toList();
    }

    static long count(SourceConversation conversation, String role) {
        return conversation.messages().stream().filter(m -> m.role().equals(role)).count();
    }

    static SourceMessage last(SourceConversation conversation) {
        return conversation.messages().get(conversation.messages().size() - 1);
    }

    private static ObjectMapper serviceMapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSetup().customize(mapper);
        return mapper;
    }
}
