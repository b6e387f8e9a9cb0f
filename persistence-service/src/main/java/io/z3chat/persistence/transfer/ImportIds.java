package io.z3chat.persistence.transfer;

import io.z3chat.persistence.transfer.imports.ImportFormat;
import io.z3chat.persistence.transfer.imports.SourceConversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Ids of imported chats and messages. A chat's id is new, but derived from the importer, the
 * format and the source conversation's own id (or, without one, its content), so importing the
 * same file again finds the chats the first import made instead of making copies. Message ids
 * are the chat id and the position, so equal timestamps (common in exports) keep their order.
 */
final class ImportIds {

    private static final int CHAT_ID_LENGTH = 21;

    private ImportIds() {
    }

    static String chatId(String user, ImportFormat format, SourceConversation source) {
        var key = source.sourceId() != null && !source.sourceId().isBlank()
                ? "id\n" + source.sourceId()
                : "content\n" + contentKey(source);
        var digest = sha256(user + "\n" + format.id() + "\n" + key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, CHAT_ID_LENGTH);
    }

    static String messageId(String chatId, int index) {
        return chatId + "-" + String.format("%06d", index);
    }

    private static String contentKey(SourceConversation source) {
        var key = new StringBuilder().append(source.title()).append('\n').append(source.createdAt());
        for (var message : source.messages()) {
            key.append('\n').append(message.role()).append('\n').append(message.timestamp()).append('\n')
                    .append(message.content());
        }
        return key.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
