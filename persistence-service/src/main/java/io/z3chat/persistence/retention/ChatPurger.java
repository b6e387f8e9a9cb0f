package io.z3chat.persistence.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.z3chat.persistence.chat.ChatDeleted;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatsConfig;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.message.BranchRepository;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.store.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Removes deleted chats and all their messages once the retention window has passed (at once when it is 0). */
@ApplicationScoped
public class ChatPurger {

    private static final Logger LOG = Logger.getLogger(ChatPurger.class);
    private static final int BATCH = 100;

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final BranchRepository branches;
    private final ChatsConfig config;
    private final Counter purged;

    ChatPurger(ChatRepository chats, MessageRepository messages, BranchRepository branches, ChatsConfig config,
               MeterRegistry registry) {
        this.chats = chats;
        this.messages = messages;
        this.branches = branches;
        this.config = config;
        this.purged = registry.counter("z3chat.chats.purged");
    }

    void onDeleted(@Observes ChatDeleted deleted) {
        if (config.retention().isZero()) {
            purge(deleted.userEmail(), deleted.chatId(), deleted.deletedAt());
        }
    }

    @Scheduled(identity = "chat-purger", every = "${z3chat.chats.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        StoreWrites.unlessStoreDown(LOG, "purge", this::purgeExpired);
    }

    /** @return how many chats were purged */
    public int purgeExpired() {
        var cutoff = Timestamps.now().minus(config.retention());
        int count = 0;
        for (var batch = chats.deletedUpTo(cutoff, BATCH); !batch.isEmpty(); batch = chats.deletedUpTo(cutoff, BATCH)) {
            for (var chat : batch) {
                count += purge(chat.userEmail, chat.id, cutoff) ? 1 : 0;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (count > 0) {
            LOG.infof("purged chats count=%d", count);
        }
        return count;
    }

    private boolean purge(String user, String chatId, Instant cutoff) {
        // Claim first: a restore racing us then finds nothing, and a crash leaves it claimed for the next run.
        if (!chats.claimForPurge(user, chatId, cutoff)) {
            return false;
        }
        long removed = messages.deleteByChat(user, chatId);
        branches.deleteByChat(user, chatId);
        chats.deletePurged(user, chatId);
        purged.increment();
        LOG.infof("chat purged chatId=%s messages=%d", chatId, removed);
        return true;
    }
}
