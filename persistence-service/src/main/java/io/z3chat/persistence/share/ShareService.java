package io.z3chat.persistence.share;

import io.z3chat.persistence.chat.Chat;
import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatShare;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.QueryParams;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.message.Cursor;
import io.z3chat.persistence.message.MessagePager;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.message.MessageTree;
import io.z3chat.persistence.message.MessageStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Share links: an unguessable id (128 random bits) on the chat and the moment it was taken.
 * The public read shows the messages stored up to that moment, so what is written later is never
 * shown; sharing again moves the moment to now (and keeps the link while it has not expired). A chat with
 * versions shows its selected path.
 */
@ApplicationScoped
public class ShareService {

    private static final Logger LOG = Logger.getLogger(ShareService.class);
    private static final Pattern SHARE_ID = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShareRepository shares;
    private final MessageRepository messages;
    private final MessageTree tree;
    private final ChatService chats;

    ShareService(ShareRepository shares, MessageRepository messages, MessageTree tree, ChatService chats) {
        this.shares = shares;
        this.tree = tree;
        this.messages = messages;
        this.chats = chats;
    }

    /** @return the link and whether it is a new one (201) or the refreshed existing one (200) */
    public Shared share(String user, String chatId, ShareRequest request) {
        var chat = chats.requireVisible(user, chatId);
        var now = Timestamps.now();
        var expiresAt = request == null || request.expiresAt() == null ? null
                : request.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiresAt must be in the future");
        }
        boolean keep = chat.share != null && live(chat.share, now);
        var share = new ChatShare();
        share.shareId = keep ? chat.share.shareId : newShareId();
        share.createdAt = now;
        share.expiresAt = expiresAt;
        var updated = shares.setShare(user, chatId, share);
        if (updated == null) {
            throw ApiException.notFound("chat");
        }
        LOG.infof("chat shared chatId=%s refreshed=%s", chatId, keep);
        return new Shared(new Chat.Share(share.shareId, share.createdAt, share.expiresAt), !keep);
    }

    public void revoke(String user, String chatId) {
        if (shares.setShare(user, Ids.require(chatId, "chat id"), null) == null) {
            throw ApiException.notFound("chat");
        }
        LOG.infof("chat share revoked chatId=%s", chatId);
    }

    /** The snapshot behind a link; 404 for an unknown, revoked or expired link alike. */
    public SharedChat read(String shareId, String limitParam, String cursorParam) {
        int limit = QueryParams.intInRange(limitParam, "limit", 1, MessagePager.MAX_LIMIT, MessagePager.MAX_LIMIT);
        var cursor = Cursor.decodeOptional(cursorParam, "cursor");
        if (shareId == null || !SHARE_ID.matcher(shareId).matches()) {
            throw ApiException.notFound("shared chat");
        }
        var chat = shares.findByShareId(shareId)
                .filter(c -> c.deletedAt == null && c.share != null && live(c.share, Timestamps.now()))
                .orElseThrow(() -> ApiException.notFound("shared chat"));
        var rows = chat.isBranched() ? selectedPathUpTo(chat, cursor, limit + 1)
                : messages.oldestFirst(chat.userEmail, chat.id, cursor, chat.share.createdAt, limit + 1);
        boolean hasMore = rows.size() > limit;
        var page = rows.subList(0, Math.min(limit, rows.size()));
        var shown = page.stream()
                .filter(m -> !MessageStatus.STREAMING.equals(m.status))
                .map(m -> new SharedChat.SharedMessage(m.role, m.content, m.timestamp, m.model))
                .toList();
        var next = hasMore ? Cursor.of(page.get(page.size() - 1)).encode() : null;
        return new SharedChat(chat.title, chat.share.createdAt, chat.share.expiresAt, shown, hasMore, next);
    }

    /**
     * A chat with versions shows its selected path, as stored up to the moment of sharing: the path only grows in
     * time, so what came later is its end, cut off here.
     */
    private List<MessageEntity> selectedPathUpTo(ChatEntity chat, Cursor cursor, int limit) {
        var rows = tree.pathAfter(chat.userEmail, chat.id, tree.pathOf(chat.userEmail, chat), cursor, limit);
        var upTo = new ArrayList<MessageEntity>(rows.size());
        for (var row : rows) {
            if (row.timestamp.isAfter(chat.share.createdAt)) {
                break;
            }
            upTo.add(row);
        }
        return upTo;
    }

    private static boolean live(ChatShare share, Instant now) {
        return share.expiresAt == null || share.expiresAt.isAfter(now);
    }

    /** 16 bytes from a SecureRandom: 128 bits, 22 url-safe characters. */
    static String newShareId() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A link and whether this call made it. */
    public record Shared(Chat.Share share, boolean created) {
    }
}
