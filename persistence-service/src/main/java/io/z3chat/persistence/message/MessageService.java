package io.z3chat.persistence.message;

import io.micrometer.core.instrument.MeterRegistry;
import io.z3chat.persistence.chat.ChatPreview;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.chat.ChatTitles;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.ratelimit.MessageRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Storing messages: the idempotent PUT, reading one, and the one way a new message enters a
 * chat (stamp, insert, count), which PATCH shares.
 */
@ApplicationScoped
public class MessageService {

    private static final Logger LOG = Logger.getLogger(MessageService.class);
    /** Insert, lose the race, read the winner: a second round only when that read did not see it yet. */
    private static final int INSERT_ATTEMPTS = 3;

    private final MessageRepository messages;
    private final ChatRepository chats;
    private final ChatService chatService;
    private final MessagesConfig config;
    private final MessageRateLimit rateLimit;
    private final MeterRegistry registry;
    private final MessageTree tree;

    MessageService(MessageRepository messages, ChatRepository chats, ChatService chatService, MessagesConfig config,
                   MessageRateLimit rateLimit, MeterRegistry registry, MessageTree tree) {
        this.messages = messages;
        this.tree = tree;
        this.chats = chats;
        this.chatService = chatService;
        this.config = config;
        this.rateLimit = rateLimit;
        this.registry = registry;
    }

    public MessageEntity get(String user, String chatId, String messageId) {
        chatService.requireVisible(user, chatId);
        return findInChat(user, chatId, messageId);
    }

    /** The reply a generation writes, in this chat: how resume and cancel find it whatever came after it. */
    public MessageEntity getByGeneration(String user, String chatId, String generationId) {
        chatService.requireVisible(user, chatId);
        return messages.findByGeneration(user, Ids.require(generationId, "generation id"))
                .filter(m -> m.chatId.equals(chatId))
                .orElseThrow(() -> ApiException.notFound("generation"));
    }

    MessageEntity findInChat(String user, String chatId, String messageId) {
        return messages.findOwned(user, Ids.require(messageId, "message id"))
                .filter(m -> m.chatId.equals(chatId))
                .orElseThrow(() -> ApiException.notFound("message"));
    }

    /**
     * Create-or-replace: the same id twice stores one message; the first message of an unknown chat creates it. A new
     * user message counts against its user's rate limit (429, nothing stored, when it is reached); a replay of an id
     * already stored does not count again.
     */
    public Stored put(String user, String chatId, String messageId, PutMessageRequest request) {
        Ids.require(chatId, "chat id");
        Ids.require(messageId, "message id");
        requireContentFits(request.content());
        var stored = findOrInsert(user, messageId, () -> {
            var admission = "user".equals(request.role()) ? rateLimit.admit(user) : null;
            MessageEntity inserted = null;
            try {
                var message = newMessage(user, chatId, messageId, request.role(), request.content(),
                        MessageStatus.COMPLETE);
                message.model = request.model();
                inserted = insert(user, message, () -> createChat(user, chatId, request));
                return inserted;
            } finally {
                if (inserted == null && admission != null) {
                    rateLimit.giveBack(admission); // not stored: the id was taken meanwhile, or the chat is not theirs
                }
            }
        });
        return stored.created() ? stored : new Stored(replace(user, chatId, stored.message(), request.content()), false);
    }

    /**
     * The user's message with this id, or the one {@code insert} stores when there is none. Two requests for one
     * new id (a retried send, a reply's checkpoint racing its final write) can both find it absent and both insert:
     * the loser reads again and goes on with the winner's copy, as an update. Another user's id is 404.
     *
     * @param insert stores the new message; null when the id was taken meanwhile
     */
    Stored findOrInsert(String user, String messageId, Supplier<MessageEntity> insert) {
        for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
            // One read by id answers both: the user's own copy (a replay), or another user's id (404, nothing of it
            // leaves this method).
            var holders = messages.holdersOf(messageId);
            var own = holders.stream().filter(m -> user.equals(m.userEmail)).findFirst();
            if (own.isPresent()) {
                return new Stored(own.get(), false);
            }
            if (!holders.isEmpty()) {
                throw ApiException.notFound("message");
            }
            var created = insert.get();
            if (created != null) {
                return new Stored(created, true);
            }
            registry.counter("z3chat.messages.insert.races").increment();
        }
        throw ApiException.unavailable("message " + messageId + " is being written concurrently, try again");
    }

    /**
     * Puts a new message into its chat: a timestamp strictly after the chat's newest message and the count in one
     * step, then the insert (and the automatic title, for a chat's first message). A message without a line goes at
     * the end of the selected path (its leaf line as selected at the stamp); one with a line set is the first of a
     * new version, which the caller records.
     *
     * @param createChat creates the chat when it does not exist (a first message) and says whether it did; null:
     *                   an unknown chat is 404
     * @return the stored message, or null when the id was taken meanwhile
     */
    MessageEntity insert(String user, MessageEntity message, BooleanSupplier createChat) {
        var preview = ChatPreview.of(message.content);
        var stamp = chats.stampNow(user, message.chatId, message.id, preview, message.model, Timestamps.now());
        if (stamp.isEmpty() && createChat != null && createChat.getAsBoolean()) {
            stamp = chats.stampNow(user, message.chatId, message.id, preview, message.model, Timestamps.now());
        }
        if (stamp.isEmpty()) {
            // the clock is not past the chat's newest message, or the chat is not visible (404)
            stamp = chats.stampAfterNewest(user, message.chatId, message.id, preview, message.model, Timestamps.now());
        }
        var at = stamp.orElseThrow(() -> ApiException.notFound("chat"));
        boolean appended = message.branchId == null;
        if (appended) {
            message.branchId = at.branchId();
        }
        message.timestamp = at.at();
        if (MessageStatus.STREAMING.equals(message.status)) {
            message.checkpointAt = at.at();
        }
        if (!messages.insertIfAbsent(message)) {
            chats.uncountMessage(user, message.chatId);
            return null;
        }
        if (appended && at.branched()) {
            tree.touch(user, message.chatId, message.branchId, at.at());
        }
        if (at.firstOfAutoTitledChat()) {
            var title = ChatTitles.fromFirstWords(message.content);
            if (!title.equals(at.before().title)) {
                chats.setAutoTitle(user, message.chatId, title);
            }
        }
        registry.counter("z3chat.messages.stored", "role", message.role).increment();
        LOG.infof("message stored chatId=%s messageId=%s role=%s status=%s", message.chatId, message.id, message.role,
                message.status);
        return message;
    }

    void requireContentFits(String content) {
        if (content.length() > config.maxContentLength()) {
            throw ApiException.tooLarge("content is longer than " + config.maxContentLength() + " characters");
        }
    }

    static MessageEntity newMessage(String user, String chatId, String id, String role, String content, String status) {
        var message = new MessageEntity();
        message.id = id;
        message.chatId = chatId;
        message.userEmail = user;
        message.role = role;
        message.content = content;
        message.contentLength = content.length();
        message.status = status;
        return message;
    }

    private MessageEntity replace(String user, String chatId, MessageEntity existing, String content) {
        if (!existing.chatId.equals(chatId)) {
            throw ApiException.conflict("message id is already used in another chat");
        }
        chatService.requireVisible(user, chatId);
        if (existing.content.equals(content)) {
            return existing;
        }
        messages.replaceContent(user, existing.id, content);
        chats.refreshPreview(user, chatId, existing.id, ChatPreview.of(content), Timestamps.now());
        existing.content = content;
        existing.contentLength = content.length();
        LOG.infof("message replaced chatId=%s messageId=%s", chatId, existing.id);
        return existing;
    }

    /**
     * Creates the chat of a first message; false when the id is taken already: by this user's concurrent first
     * message (fine) or by someone else (then the stamp finds no chat of theirs: 404).
     */
    private boolean createChat(String user, String chatId, PutMessageRequest request) {
        boolean created = chatService.createForFirstMessage(user, chatId, request.content(), request.model());
        if (created) {
            LOG.infof("chat created by first message chatId=%s", chatId);
        }
        return created;
    }

    /** A message and whether this call created it (201) or found it (200). */
    public record Stored(MessageEntity message, boolean created) {
    }
}
