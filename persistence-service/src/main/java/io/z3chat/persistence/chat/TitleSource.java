package io.z3chat.persistence.chat;

/** Where a chat's title came from; an automatic one may be replaced, a user's never is by a machine. */
public final class TitleSource {

    public static final String AUTO = "auto";
    public static final String USER = "user";
    public static final String LLM = "llm";

    private TitleSource() {
    }
}
