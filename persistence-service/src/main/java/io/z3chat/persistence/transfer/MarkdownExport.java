package io.z3chat.persistence.transfer;

import io.z3chat.persistence.message.MessageStatus;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One chat as Markdown: the title, its dates, then every message of its selected path under a heading with its role,
 * model and time. Message text is written as it is, so code blocks stay intact; a code fence a
 * message leaves open is closed after it, so it cannot swallow the messages that follow.
 */
final class MarkdownExport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private MarkdownExport() {
    }

    /**
     * @param branched whether the chat has versions: its message count then counts every version while the file
     *                 shows the selected path, and the header says so
     */
    static void write(ExportedChat chat, boolean branched, Instant exportedAt, Writer out) throws IOException {
        out.write("# " + chat.title() + "\n\n");
        out.write("- Created: " + TIME.format(chat.createdAt()) + "\n");
        out.write("- Last activity: " + TIME.format(chat.updatedAt()) + "\n");
        out.write("- Messages: " + chat.messageCount()
                + (branched ? " (in all versions; this file shows the selected one)" : "") + "\n");
        if (chat.model() != null) {
            out.write("- Model: " + chat.model() + "\n");
        }
        out.write("- Exported from z3chat: " + TIME.format(exportedAt) + "\n");
        while (chat.messages().hasNext()) {
            var message = chat.messages().next();
            out.write("\n---\n\n### " + heading(message) + "\n\n");
            out.write(message.content());
            var fence = openFence(message.content());
            if (fence != null) {
                out.write("\n" + fence);
            }
            out.write("\n");
        }
    }

    private static String heading(ExportedMessage message) {
        var role = switch (message.role()) {
            case "user" -> "User";
            case "assistant" -> "Assistant";
            default -> "System";
        };
        var heading = new StringBuilder(role);
        if (message.model() != null && !"user".equals(message.role())) {
            heading.append(" · ").append(message.model());
        }
        heading.append(" · ").append(TIME.format(message.timestamp()));
        if (!MessageStatus.COMPLETE.equals(message.status())) {
            heading.append(" · _").append(message.status()).append('_');
        }
        return heading.toString();
    }

    /** The fence that closes a code block the text leaves open (CommonMark: ``` or ~~~, at least as long), or null. */
    static String openFence(String text) {
        String open = null;
        for (var line : text.split("\n", -1)) {
            var trimmed = line.stripLeading();
            if (line.length() - trimmed.length() > 3) {
                continue;
            }
            var fence = fenceOf(trimmed);
            if (fence == null) {
                continue;
            }
            if (open == null) {
                open = fence;
            } else if (fence.charAt(0) == open.charAt(0) && fence.length() >= open.length()
                    && trimmed.substring(fence.length()).isBlank()) {
                open = null;
            }
        }
        return open;
    }

    private static String fenceOf(String line) {
        if (line.isEmpty() || (line.charAt(0) != '`' && line.charAt(0) != '~')) {
            return null;
        }
        char c = line.charAt(0);
        int n = 0;
        while (n < line.length() && line.charAt(n) == c) {
            n++;
        }
        return n >= 3 ? line.substring(0, n) : null;
    }
}
