package io.z3chat.persistence.message;

import io.micrometer.core.instrument.MeterRegistry;
import io.z3chat.persistence.chat.ChatPreview;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Objects;

/**
 * The life of a streamed reply (PATCH): checkpoints while it streams, one finish, never reopened.
 * Every transition is a conditional update, so a late checkpoint or a second finish cannot win a race.
 */
@ApplicationScoped
public class ReplyService {

    private static final Logger LOG = Logger.getLogger(ReplyService.class);

    private final MessageRepository messages;
    private final MessageService messageService;
    private final ChatRepository chats;
    private final ChatService chatService;
    private final MeterRegistry registry;

    ReplyService(MessageRepository messages, MessageService messageService, ChatRepository chats,
                 ChatService chatService, MeterRegistry registry) {
        this.messages = messages;
        this.messageService = messageService;
        this.chats = chats;
        this.chatService = chatService;
        this.registry = registry;
    }

    public MessageService.Stored update(String user, String chatId, String messageId, CheckpointRequest request) {
        Ids.require(messageId, "message id");
        messageService.requireContentFits(request.content());
        chatService.requireVisible(user, chatId);
        var stored = messageService.findOrInsert(user, messageId,
                () -> messageService.insert(user, newReply(user, chatId, messageId, request), null));
        if (stored.created()) {
            if (request.isCheckpoint()) {
                count("z3chat.messages.checkpoints", "outcome", "applied");
            } else {
                count("z3chat.messages.finished", "status", request.status());
            }
            return stored;
        }
        var current = stored.message();
        if (!current.chatId.equals(chatId)) {
            throw ApiException.conflict("message id is already used in another chat");
        }
        var result = request.isCheckpoint() ? checkpoint(user, current, request) : finish(user, current, request);
        return new MessageService.Stored(result, false);
    }

    private MessageEntity checkpoint(String user, MessageEntity current, CheckpointRequest request) {
        var updated = messages.checkpoint(user, current.id, request, Timestamps.now());
        if (updated == null) {
            // Finished already, or a late checkpoint shorter than what is stored: keep what we have.
            count("z3chat.messages.checkpoints", "outcome", "ignored");
            return messages.findOwned(user, current.id).orElse(current);
        }
        count("z3chat.messages.checkpoints", "outcome", "applied");
        var preview = ChatPreview.of(updated.content);
        if (!preview.equals(ChatPreview.of(current.content))) {
            chats.refreshPreview(user, updated.chatId, updated.id, preview, null);
        }
        return updated;
    }

    private MessageEntity finish(String user, MessageEntity current, CheckpointRequest request) {
        var updated = messages.finish(user, current.id, request);
        if (updated == null && request.generationId() != null) {
            updated = messages.finishSwept(user, current.id, request);
        }
        if (updated == null) {
            var stored = messages.findOwned(user, current.id).orElseThrow(() -> ApiException.notFound("message"));
            if (isSameFinish(stored, request)) {
                return stored;
            }
            throw ApiException.conflict("message is already finished (" + stored.status + ")");
        }
        count("z3chat.messages.finished", "status", updated.status);
        chats.refreshPreview(user, updated.chatId, updated.id, ChatPreview.of(updated.content), Timestamps.now());
        LOG.infof("reply finished chatId=%s messageId=%s status=%s", updated.chatId, updated.id, updated.status);
        return updated;
    }

    /** A retried finish that already landed: same status, same text. */
    private static boolean isSameFinish(MessageEntity stored, CheckpointRequest request) {
        return stored.status.equals(request.status()) && stored.content.equals(request.content())
                && (request.generationId() == null || Objects.equals(stored.generationId, request.generationId()));
    }

    private static MessageEntity newReply(String user, String chatId, String messageId, CheckpointRequest request) {
        var reply = MessageService.newMessage(user, chatId, messageId, "assistant", request.content(), request.status());
        reply.usage = request.usage();
        reply.timing = request.timing();
        reply.error = request.error();
        reply.generationId = request.generationId();
        reply.generationOwner = request.generationOwner();
        reply.model = request.model();
        reply.provider = request.provider();
        return reply;
    }

    private void count(String metric, String tag, String value) {
        registry.counter(metric, tag, value).increment();
    }
}
