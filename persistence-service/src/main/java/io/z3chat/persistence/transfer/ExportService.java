package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.message.Cursor;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.message.MessageTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;

/**
 * Downloads: one chat as Markdown or z3chat JSON, every chat as one z3chat JSON document. The
 * body is written while the store is read, page by page, so memory stays flat however much
 * history there is.
 */
@ApplicationScoped
public class ExportService {

    private static final Logger LOG = Logger.getLogger(ExportService.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final ChatService chatService;
    private final MessageTree tree;
    private final ObjectWriter json;

    ExportService(ChatRepository chats, MessageRepository messages, ChatService chatService, MessageTree tree,
                  ObjectMapper mapper) {
        this.chats = chats;
        this.tree = tree;
        this.messages = messages;
        this.chatService = chatService;
        this.json = mapper.writer()
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** What a download is: its file name, its media type and the body, written when the response is. */
    public record Download(String filename, String mediaType, StreamingOutput body) {
    }

    public Download allChats(String user) {
        var now = Timestamps.now();
        var document = Z3chatExport.of(now, new AllChats(user, chats, messages, tree));
        LOG.info("export of all chats started");
        return new Download("z3chat-export-" + DAY.format(now) + ".json", "application/json",
                out -> json.writeValue(out, document));
    }

    public Download chat(String user, String chatId, String format) {
        boolean markdown = markdown(format);
        var entity = chatService.requireVisible(user, chatId);
        var now = Timestamps.now();
        var name = FileNames.of(entity.title);
        if (markdown) {
            // Markdown is what the chat shows: its selected path.
            var path = tree.pathOf(user, entity);
            var chat = ExportedChat.of(entity, null, exported(new Paged<MessageEntity>((last, size) ->
                    tree.pathAfter(user, entity.id, path, last == null ? null : Cursor.of(last), size),
                    AllChats.MESSAGE_PAGE), new TreeLinks(false)));
            return new Download(name + ".md", "text/markdown; charset=UTF-8", out -> {
                var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                MarkdownExport.write(chat, entity.isBranched(), now, writer);
                writer.flush();
            });
        }
        var chat = ExportedChat.of(entity, tree.currentMessageId(user, entity), exported(new Paged<MessageEntity>(
                (last, size) -> messages.oldestFirst(user, entity.id, last == null ? null : Cursor.of(last), null, size),
                AllChats.MESSAGE_PAGE), new TreeLinks(entity.isBranched())));
        var document = Z3chatExport.of(now, List.of(chat).iterator());
        return new Download(name + ".json", "application/json", out -> json.writeValue(out, document));
    }

    private static Iterator<ExportedMessage> exported(Paged<MessageEntity> page, TreeLinks links) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return page.hasNext();
            }

            @Override
            public ExportedMessage next() {
                var message = page.next();
                return ExportedMessage.of(message, links.parentOf(message));
            }
        };
    }

    private static boolean markdown(String format) {
        if (format == null || format.isEmpty() || format.equals("json")) {
            return false;
        }
        if (format.equals("markdown") || format.equals("md")) {
            return true;
        }
        throw ApiException.invalid("format must be markdown or json");
    }
}
