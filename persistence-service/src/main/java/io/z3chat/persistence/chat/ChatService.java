package io.z3chat.persistence.chat;

import com.mongodb.client.model.Updates;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.util.ArrayList;

/** The rules of a chat's own life: create, rename/pin/archive with optimistic versions, delete, restore. */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);

    private final ChatRepository chats;
    private final ChatsConfig config;
    private final Event<ChatDeleted> deletedEvents;

    ChatService(ChatRepository chats, ChatsConfig config, Event<ChatDeleted> deletedEvents) {
        this.chats = chats;
        this.config = config;
        this.deletedEvents = deletedEvents;
    }

    public ChatList list(String user, ChatListQuery query) {
        var page = chats.list(user, query).stream().map(ChatSummary::of).toList();
        return new ChatList(page, chats.count(user, query), query.limit(), query.offset());
    }

    /** The chat when it is this user's and not deleted; otherwise 404, whoever owns it. */
    public ChatEntity requireVisible(String user, String chatId) {
        return chats.findVisible(user, Ids.require(chatId, "chat id")).orElseThrow(() -> ApiException.notFound("chat"));
    }

    /** @return the chat and whether this call created it (an existing chat of this user is returned as is). */
    public Created create(String user, CreateChatRequest request) {
        var id = request == null || request.id() == null ? Ids.nanoid() : Ids.require(request.id(), "id");
        var title = request == null || request.title() == null ? null : ChatTitles.normalize(request.title());
        var chat = newChat(user, id, title == null ? ChatTitles.PLACEHOLDER : title,
                title == null ? TitleSource.AUTO : TitleSource.USER, null);
        if (chats.insertIfAbsent(chat)) {
            LOG.infof("chat created chatId=%s", id);
            return new Created(chat, true);
        }
        return chats.findVisible(user, id).map(existing -> new Created(existing, false))
                .orElseThrow(() -> ApiException.conflict("chat id is already taken"));
    }

    /** A chat made for a first message that arrived before any POST /chats; false when the id is taken. */
    public boolean createForFirstMessage(String user, String chatId, String firstContent, String model) {
        return chats.insertIfAbsent(newChat(user, chatId, ChatTitles.fromFirstWords(firstContent), TitleSource.AUTO, model));
    }

    public ChatEntity update(String user, String chatId, UpdateChatRequest request, Long expectedVersion) {
        requireVisible(user, chatId);
        if (request == null || request.isEmpty()) {
            throw ApiException.invalid("nothing to update: send title, pinned or archived");
        }
        var machineTitle = TitleSource.LLM.equals(request.titleSource());
        var changes = changesOf(request, machineTitle);
        var updated = chats.updateVisible(user, chatId, expectedVersion, machineTitle, changes);
        if (updated != null) {
            return updated;
        }
        var current = requireVisible(user, chatId);
        if (expectedVersion != null && current.version != expectedVersion) {
            throw ApiException.versionConflict(current.version);
        }
        if (machineTitle && !TitleSource.AUTO.equals(current.titleSource)) {
            // A generated title never replaces a user's rename: keep the chat as it is.
            return current;
        }
        // Changed between our read and our write, e.g. a rename that took the title off "auto".
        throw ApiException.versionConflict(current.version);
    }

    public void delete(String user, String chatId) {
        Ids.require(chatId, "chat id");
        var deleted = chats.markDeleted(user, chatId, Timestamps.now());
        if (deleted == null) {
            throw ApiException.notFound("chat");
        }
        LOG.infof("chat deleted chatId=%s", chatId);
        deletedEvents.fire(new ChatDeleted(user, chatId, deleted.deletedAt));
    }

    public ChatEntity restore(String user, String chatId) {
        Ids.require(chatId, "chat id");
        var restored = chats.restore(user, chatId, Timestamps.now().minus(config.retention()));
        if (restored == null) {
            throw ApiException.notFound("deleted chat");
        }
        LOG.infof("chat restored chatId=%s", chatId);
        return restored;
    }

    private static Bson changesOf(UpdateChatRequest request, boolean machineTitle) {
        var changes = new ArrayList<Bson>();
        if (request.titleSource() != null && !machineTitle && !TitleSource.USER.equals(request.titleSource())) {
            throw ApiException.invalid("titleSource must be user or llm");
        }
        if (request.title() != null) {
            changes.add(Updates.set("title",
                    machineTitle ? ChatTitles.fromModel(request.title()) : ChatTitles.normalize(request.title())));
            changes.add(Updates.set("titleSource", machineTitle ? TitleSource.LLM : TitleSource.USER));
        } else if (request.titleSource() != null) {
            throw ApiException.invalid("titleSource needs a title");
        }
        if (request.pinned() != null) {
            changes.add(Updates.set("pinned", request.pinned()));
        }
        if (request.archived() != null) {
            changes.add(Updates.set("archived", request.archived()));
        }
        return Updates.combine(changes);
    }

    private static ChatEntity newChat(String user, String id, String title, String titleSource, String model) {
        var now = Timestamps.now();
        var chat = new ChatEntity();
        chat.id = id;
        chat.userEmail = user;
        chat.title = title;
        chat.titleSource = titleSource;
        chat.createdAt = now;
        chat.updatedAt = now;
        chat.model = model;
        chat.version = 1;
        return chat;
    }

    /** A chat and whether the request created it (201) or found it (200). */
    public record Created(ChatEntity chat, boolean created) {
    }
}
