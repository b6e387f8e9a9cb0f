package io.z3chat.persistence.transfer;

import java.util.List;

/** What an import did, conversation by conversation: the chats it made and what it left out, and why. */
public record ImportReport(String format, int importedCount, int skippedCount, List<Imported> imported,
                          List<Skipped> skipped) {

    public record Imported(String title, String chatId, int messageCount) {
    }

    public record Skipped(String title, String reason) {
    }
}
