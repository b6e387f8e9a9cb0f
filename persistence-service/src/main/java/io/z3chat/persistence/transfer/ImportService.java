package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatTitles;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.message.BranchRepository;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.message.MessagesConfig;
import io.z3chat.persistence.transfer.imports.ImportFileException;
import io.z3chat.persistence.transfer.imports.ImportFormat;
import io.z3chat.persistence.transfer.imports.ImportItem;
import io.z3chat.persistence.transfer.imports.ImportReader;
import io.z3chat.persistence.transfer.imports.SourceConversation;
import io.z3chat.persistence.transfer.imports.UnreadableConversation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports an export file of z3chat, ChatGPT, Claude, LibreChat, Open WebUI or Chatbot UI,
 * conversation by conversation as it is read. Each chat lands whole or not at all: its messages
 * go in first and the chat last, so a chat is never seen half imported, and an import cut short
 * (a broken file, a store outage) can simply be run again: what it already made is skipped.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int INSERT_BATCH = 500;

    private final ChatRepository chats;
    private final MessageRepository messages;
    private final BranchRepository branches;
    private final ImportsConfig config;
    private final MessagesConfig messagesConfig;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    ImportService(ChatRepository chats, MessageRepository messages, BranchRepository branches, ImportsConfig config,
                  MessagesConfig messagesConfig, ObjectMapper mapper, MeterRegistry registry) {
        this.chats = chats;
        this.messages = messages;
        this.branches = branches;
        this.config = config;
        this.messagesConfig = messagesConfig;
        this.mapper = mapper;
        this.registry = registry;
    }

    public ImportReport importFile(String user, InputStream body) {
        long max = config.maxBytes().asLongValue();
        var imported = new ArrayList<ImportReport.Imported>();
        var skipped = new ArrayList<ImportReport.Skipped>();
        ImportFormat format = null;
        try (var reader = ImportReader.open(new LimitedInputStream(body, max), mapper)) {
            format = reader.format();
            for (ImportItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof SourceConversation conversation) {
                    store(user, format, conversation, imported, skipped);
                } else if (item instanceof UnreadableConversation unreadable) {
                    skipped.add(new ImportReport.Skipped(displayTitle(unreadable.title()), unreadable.reason()));
                }
            }
        } catch (ImportFileException e) {
            throw ApiException.invalid(e.getMessage() + soFar(imported));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof LimitedInputStream.TooLarge tooLarge) {
                throw ApiException.tooLarge(tooLarge.getMessage() + soFar(imported));
            }
            throw e;
        }
        registry.counter("z3chat.imports.conversations", "outcome", "imported").increment(imported.size());
        registry.counter("z3chat.imports.conversations", "outcome", "skipped").increment(skipped.size());
        LOG.infof("import done format=%s imported=%d skipped=%d", format.id(), imported.size(), skipped.size());
        return new ImportReport(format.id(), imported.size(), skipped.size(), imported, skipped);
    }

    private void store(String user, ImportFormat format, SourceConversation source, List<ImportReport.Imported> imported,
                       List<ImportReport.Skipped> skipped) {
        ImportedChat chat;
        try {
            chat = ImportedChat.from(user, format, source, messagesConfig.maxContentLength(), Timestamps.now());
        } catch (ImportedChat.Skip e) {
            skipped.add(new ImportReport.Skipped(displayTitle(source.title()), e.getMessage()));
            return;
        }
        var title = chat.chat().title;
        if (format == ImportFormat.Z3CHAT && Ids.isValid(source.sourceId())
                && chats.findVisible(user, source.sourceId()).isPresent()) {
            skipped.add(new ImportReport.Skipped(title, "already in your chats"));
            return;
        }
        var earlier = chats.findOwned(user, chat.chat().id);
        if (earlier.isPresent()) {
            skipped.add(new ImportReport.Skipped(title, earlier.get().isDeleted()
                    ? "imported before, and since deleted: restore it from your deleted chats"
                    : "imported before"));
            return;
        }
        for (int i = 0; i < chat.messages().size(); i += INSERT_BATCH) {
            messages.insertImported(chat.messages().subList(i, Math.min(i + INSERT_BATCH, chat.messages().size())));
        }
        branches.insertImported(chat.branches());
        // The chat last: until it exists no read shows its messages, so it is whole when it appears.
        if (!chats.insertIfAbsent(chat.chat())) {
            skipped.add(new ImportReport.Skipped(title, "imported before"));
            return;
        }
        imported.add(new ImportReport.Imported(title, chat.chat().id, chat.messages().size()));
        LOG.infof("chat imported chatId=%s format=%s messages=%d", chat.chat().id, format.id(), chat.messages().size());
    }

    private static String displayTitle(String title) {
        var fitted = ChatTitles.fromImport(title);
        return fitted == null ? "(untitled)" : fitted;
    }

    private static String soFar(List<ImportReport.Imported> imported) {
        return imported.isEmpty() ? "; nothing was imported"
                : "; the " + imported.size() + " conversation(s) before that point were imported, and importing the "
                        + "corrected file skips them";
    }
}
