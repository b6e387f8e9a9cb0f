package io.z3chat.persistence.message;

/** Message statuses as stored and sent; every one but {@link #STREAMING} is final. */
public final class MessageStatus {

    public static final String COMPLETE = "complete";
    public static final String STREAMING = "streaming";
    public static final String INTERRUPTED = "interrupted";
    public static final String CANCELLED = "cancelled";
    public static final String ERROR = "error";
    /** For {@code @Pattern} on requests. */
    public static final String ANY = "complete|streaming|interrupted|cancelled|error";

    private MessageStatus() {
    }
}
