package io.z3chat.persistence.share;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatShare;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** The share link of a chat ({@code chats.share}): found by its id through the unique sparse index. */
@ApplicationScoped
public class ShareRepository implements PanacheMongoRepositoryBase<ChatEntity, String> {

    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    /** The chat a link points to, whoever owns it; deleting a chat removes its link in the same write. */
    Optional<ChatEntity> findByShareId(String shareId) {
        return Optional.ofNullable(mongoCollection().find(eq("share.id", shareId)).first());
    }

    /** Sets, or with {@code null} removes, the link; null when the chat is not the user's live chat. */
    ChatEntity setShare(String user, String chatId, ChatShare share) {
        return mongoCollection().findOneAndUpdate(
                and(eq("_id", chatId), eq("userEmail", user), eq("deletedAt", null)),
                share == null ? Updates.unset("share") : Updates.set("share", share), RETURN_AFTER);
    }
}
