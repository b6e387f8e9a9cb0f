package io.z3chat.llmproxy.reply;

/** Why a reply ended in error, as stored with the message. */
public record ErrorInfo(String code, String message) {
}
