package io.z3chat.llmproxy.reply;

/** A finished reply on its way to persistence-service, and where to report it once it is saved. */
public record FinalReply(String user, String chatId, String messageId, String generationId, MessagePatch patch,
        String callbackUrl) {

    /** Roughly what it holds in memory. */
    public long bytes() {
        return 2L * (patch.content().length() + 512);
    }
}
