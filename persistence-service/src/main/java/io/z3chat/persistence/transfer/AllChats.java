package io.z3chat.persistence.transfer;

import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.message.MessageTree;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every live chat of a user with its messages, for {@code GET /export}: two keyset-paged reads
 * in the same order (chat ids descending), merged as they go. Memory holds one page of each,
 * whatever the number of chats; the store answers both from indexes, one pass each.
 * Messages of chats that are not in the walk (deleted ones) are passed over. A chat with versions costs one
 * more read: the end of its selected path.
 */
final class AllChats implements Iterator<ExportedChat> {

    static final int CHAT_PAGE = 200;
    static final int MESSAGE_PAGE = 500;

    private final Paged<ChatEntity> chats;
    private final Paged<MessageEntity> messages;
    private final String user;
    private final MessageTree tree;

    AllChats(String user, ChatRepository chatRepository, MessageRepository messageRepository, MessageTree tree) {
        this.user = user;
        this.tree = tree;
        this.chats = new Paged<>((last, size) ->
                chatRepository.liveChatsDescending(user, last == null ? null : last.id, size), CHAT_PAGE);
        this.messages = new Paged<>((last, size) -> messageRepository.byChatDescending(user, last, size), MESSAGE_PAGE);
    }

    @Override
    public boolean hasNext() {
        return chats.hasNext();
    }

    @Override
    public ExportedChat next() {
        var chat = chats.next();
        return ExportedChat.of(chat, tree.currentMessageId(user, chat), new MessagesOf(chat.id, new TreeLinks(chat.isBranched())));
    }

    /** The messages of one chat, taken from the shared stream; the writer reads them before the next chat. */
    private final class MessagesOf implements Iterator<ExportedMessage> {

        private final String chatId;
        private final TreeLinks links;

        MessagesOf(String chatId, TreeLinks links) {
            this.chatId = chatId;
            this.links = links;
        }

        @Override
        public boolean hasNext() {
            var head = messages.peek();
            // Chat ids descend: a larger id than ours belongs to a chat outside the walk.
            while (head != null && head.chatId.compareTo(chatId) > 0) {
                messages.next();
                head = messages.peek();
            }
            return head != null && head.chatId.equals(chatId);
        }

        @Override
        public ExportedMessage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            var message = messages.next();
            return ExportedMessage.of(message, links.parentOf(message));
        }
    }
}
