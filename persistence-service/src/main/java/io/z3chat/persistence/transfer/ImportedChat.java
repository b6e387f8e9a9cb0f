package io.z3chat.persistence.transfer;

import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatPreview;
import io.z3chat.persistence.chat.ChatTitles;
import io.z3chat.persistence.chat.TitleSource;
import io.z3chat.persistence.message.BranchEntity;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.message.MessageStatus;
import io.z3chat.persistence.transfer.imports.ImportFormat;
import io.z3chat.persistence.transfer.imports.SourceConversation;
import io.z3chat.persistence.transfer.imports.SourceMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A source conversation as the chat and messages to store: the importer's, with new ids, the
 * original times (a message without one takes the time before it; a time earlier than the one
 * before it is raised to it, so the order stays the source's), a title that fits our rules. The visible branch
 * is the chat's original line, selected; the other versions of a source tree are lines forking from it.
 */
record ImportedChat(ChatEntity chat, List<MessageEntity> messages, List<BranchEntity> branches) {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system");
    private static final Set<String> FINAL_STATUSES = Set.of(MessageStatus.COMPLETE, MessageStatus.INTERRUPTED,
            MessageStatus.CANCELLED, MessageStatus.ERROR);
    private static final Set<String> TITLE_SOURCES = Set.of(TitleSource.AUTO, TitleSource.USER, TitleSource.LLM);
    private static final int MAX_MODEL = 200;

    /** Why a conversation is left out; the import goes on with the next one. */
    static final class Skip extends Exception {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    static ImportedChat from(String user, ImportFormat format, SourceConversation source, int maxContentLength,
                             Instant now) throws Skip {
        var sourceMessages = source.messages().stream().filter(m -> m.role() != null && ROLES.contains(m.role())).toList();
        if (sourceMessages.isEmpty() && format != ImportFormat.Z3CHAT) {
            throw new Skip("no messages with text");
        }
        for (int i = 0; i < sourceMessages.size(); i++) {
            if (sourceMessages.get(i).content().length() > maxContentLength) {
                throw new Skip("message " + (i + 1) + " is longer than " + maxContentLength + " characters");
            }
        }
        for (var other : source.others()) {
            if (other.message().content().length() > maxContentLength) {
                throw new Skip("a version of a message is longer than " + maxContentLength + " characters");
            }
        }
        var chatId = ImportIds.chatId(user, format, source);
        var start = millis(source.createdAt() != null ? source.createdAt() : firstTime(sourceMessages, now));
        var messages = new ArrayList<MessageEntity>(sourceMessages.size());
        Instant previous = null;
        for (var original : sourceMessages) {
            var time = millis(original.timestamp() != null ? original.timestamp() : previous != null ? previous : start);
            if (previous != null && time.isBefore(previous)) {
                time = previous;
            }
            messages.add(message(user, chatId, ImportIds.messageId(chatId, messages.size()), original, time));
            previous = time;
        }
        var visible = List.copyOf(messages);
        var tree = ImportedTree.build(user, chatId, visible, source.others(), start,
                (original, time) -> message(user, chatId, ImportIds.messageId(chatId, messages.size()), original, time),
                messages);
        var chat = chat(user, chatId, source, visible, start);
        chat.messageCount = messages.size();
        chat.branched = !tree.isEmpty();
        return new ImportedChat(chat, List.copyOf(messages), tree);
    }

    private static ChatEntity chat(String user, String chatId, SourceConversation source, List<MessageEntity> messages,
                                   Instant start) {
        var chat = new ChatEntity();
        chat.id = chatId;
        chat.userEmail = user;
        var title = ChatTitles.fromImport(source.title());
        var firstUser = messages.stream().filter(m -> "user".equals(m.role)).findFirst()
                .or(() -> messages.stream().findFirst());
        chat.title = title != null ? title : firstUser.map(m -> ChatTitles.fromFirstWords(m.content))
                .orElse(ChatTitles.PLACEHOLDER);
        chat.titleSource = title == null ? TitleSource.AUTO
                : TITLE_SOURCES.contains(String.valueOf(source.titleSource())) ? source.titleSource() : TitleSource.USER;
        var last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        chat.createdAt = last == null || start.isBefore(messages.get(0).timestamp) ? start : messages.get(0).timestamp;
        chat.updatedAt = last == null ? chat.createdAt : last.timestamp;
        if (last != null) {
            chat.lastMessage = ChatPreview.of(last.content);
            chat.lastMessageId = last.id;
            chat.lastMessageAt = last.timestamp;
        }
        chat.messageCount = messages.size();
        chat.model = messages.stream().map(m -> m.model).filter(m -> m != null).reduce((a, b) -> b).orElse(null);
        chat.pinned = source.pinned();
        chat.archived = source.archived();
        chat.version = 1;
        return chat;
    }

    private static MessageEntity message(String user, String chatId, String id, SourceMessage source, Instant time) {
        var message = new MessageEntity();
        message.id = id;
        message.chatId = chatId;
        message.userEmail = user;
        message.role = source.role();
        message.content = source.content();
        message.contentLength = source.content().length();
        message.timestamp = time;
        message.status = source.status() != null && FINAL_STATUSES.contains(source.status()) ? source.status()
                : MessageStatus.COMPLETE;
        message.model = source.model() == null || source.model().isBlank() ? null : cut(source.model());
        message.provider = source.provider() == null ? null : cut(source.provider());
        message.usage = source.usage();
        message.timing = source.timing();
        message.error = source.error();
        return message;
    }

    private static Instant firstTime(List<SourceMessage> messages, Instant fallback) {
        return messages.stream().map(SourceMessage::timestamp).filter(t -> t != null).findFirst().orElse(fallback);
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cut(String text) {
        return text.length() <= MAX_MODEL ? text : text.substring(0, MAX_MODEL);
    }
}
