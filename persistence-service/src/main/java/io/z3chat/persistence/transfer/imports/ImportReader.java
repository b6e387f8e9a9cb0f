package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads an upload incrementally with Jackson's streaming API, one conversation in memory at a time: the entries
 * of a top-level list, or of a z3chat export's {@code chats}, are read one by one as {@link #next()} asks. Other
 * top-level objects (a LibreChat, Chatbot UI or single Claude or Open WebUI conversation) are read whole.
 * <p>
 * Failures: {@link ImportFileException} when the upload is not JSON, of no known format, or breaks off;
 * {@link UncheckedIOException} when the stream itself fails.
 */
public final class ImportReader implements Closeable {

    /** How many leading entries of a list may tell nothing (null, junk) before the list is not an export. */
    private static final int ENTRIES_TO_DETECT = 100;

    private final ExportParser parser;
    private final ImportFormat format;
    private final ConversationFormat conversations;
    private final Deque<JsonNode> ahead;
    private boolean streaming;
    private ImportFileException failure;
    private int conversationsRead;

    private ImportReader(ExportParser parser, ImportFormat format, Deque<JsonNode> ahead, boolean streaming) {
        this.parser = parser;
        this.format = format;
        this.conversations = ConversationFormat.of(format);
        this.ahead = ahead;
        this.streaming = streaming;
    }

    /**
     * Reads just far enough to tell the format: the first entry of a list, or a top-level object up to a z3chat
     * export's {@code chats}. An empty list is refused, as nothing tells what it was meant to be.
     *
     * @throws ImportFileException the upload is empty, not JSON, or of no format this app knows
     */
    public static ImportReader open(InputStream in, ObjectMapper mapper) {
        ExportParser parser = new ExportParser(in, mapper);
        try {
            JsonToken first = parser.next();
            if (first == null) {
                throw new ImportFileException("the file is empty");
            }
            return switch (first) {
                case START_ARRAY -> fromList(parser);
                case START_OBJECT -> fromObject(parser);
                default -> throw ImportFileException.unknownFormat(
                        SourceFields.kind(parser.value()) + " instead of a list or an object");
            };
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    private static ImportReader fromList(ExportParser parser) {
        Deque<JsonNode> ahead = new ArrayDeque<>();
        while (parser.next() != JsonToken.END_ARRAY) {
            JsonNode entry = parser.value();
            ahead.add(entry);
            ImportFormat format = FormatDetection.ofEntry(entry);
            if (format != null) {
                return new ImportReader(parser, format, ahead, true);
            }
            if (ahead.size() >= ENTRIES_TO_DETECT) {
                break;
            }
        }
        if (ahead.isEmpty()) {
            parser.finish();
            throw new ImportFileException("the file holds no conversations: it is an empty list");
        }
        throw ImportFileException.unknownFormat("a list whose first " + ahead.size() + " entries are no conversations");
    }

    private static ImportReader fromObject(ExportParser parser) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        while (parser.next() == JsonToken.FIELD_NAME) {
            String name = parser.fieldName();
            JsonToken value = parser.next();
            if (name.equals("chats") && value == JsonToken.START_ARRAY && FormatDetection.isZ3chat(root)) {
                // The service writes format and version first, so its own exports stream chat by chat.
                Z3chatFormat.checkVersion(root.get("version"));
                return new ImportReader(parser, ImportFormat.Z3CHAT, new ArrayDeque<>(), true);
            }
            root.set(name, parser.value());
        }
        parser.finish();
        ImportFormat format = FormatDetection.ofRoot(root);
        if (format == null) {
            throw ImportFileException.unknownFormat(FormatDetection.describe(root));
        }
        if (format == ImportFormat.Z3CHAT) {
            Z3chatFormat.checkVersion(root.get("version"));
        }
        return new ImportReader(parser, format, new ArrayDeque<>(FormatDetection.conversations(format, root)), false);
    }

    public ImportFormat format() {
        return format;
    }

    /** How many conversations {@link #next()} has returned so far, readable or not. */
    public int conversationsRead() {
        return conversationsRead;
    }

    /**
     * @return the next conversation, or null at the end of the file
     * @throws ImportFileException when the JSON breaks off or is malformed further on; the conversations
     *                             returned before stay valid, and every later call throws the same
     */
    public ImportItem next() {
        if (failure != null) {
            throw failure;
        }
        try {
            JsonNode entry = ahead.poll();
            if (entry == null && streaming) {
                entry = streamed();
            }
            if (entry == null) {
                return null;
            }
            conversationsRead++;
            return item(entry);
        } catch (ImportFileException e) {
            failure = e;
            throw e;
        }
    }

    private JsonNode streamed() {
        if (parser.next() != JsonToken.END_ARRAY) {
            return parser.value();
        }
        streaming = false;
        ObjectNode rest = parser.finish();
        if (format == ImportFormat.Z3CHAT) {
            Z3chatFormat.checkVersion(rest.get("version"));
        }
        return null;
    }

    private ImportItem item(JsonNode entry) {
        if (!entry.isObject()) {
            return new UnreadableConversation(null, "not a conversation: the entry is " + SourceFields.kind(entry));
        }
        try {
            return conversations.read(entry);
        } catch (WrongShape e) {
            return new UnreadableConversation(titleOf(entry), "the conversation has the wrong shape: " + e.getMessage());
        } catch (RuntimeException e) {
            // A shape no rule foresaw must cost this conversation only, not the rest of the upload.
            return new UnreadableConversation(titleOf(entry), "the conversation has a shape this app cannot read");
        }
    }

    private static String titleOf(JsonNode entry) {
        String title = SourceFields.firstText(SourceFields.text(entry, "title"), SourceFields.text(entry, "name"));
        return title != null ? title : SourceFields.text(entry.path("chat"), "title");
    }

    /** Closes the parser; the stream stays open for its owner. */
    @Override
    public void close() {
        parser.close();
    }
}
