package io.z3chat.persistence.transfer.imports;

/** The export formats an upload may be in; detected from the file's content, never from its name. */
public enum ImportFormat {
    Z3CHAT("z3chat"),
    CHATGPT("chatgpt"),
    CLAUDE("claude"),
    LIBRECHAT("librechat"),
    OPENWEBUI("openwebui"),
    CHATBOTUI("chatbotui");

    private final String id;

    ImportFormat(String id) {
        this.id = id;
    }

    /** The name clients and logs use for the format. */
    public String id() {
        return id;
    }
}
