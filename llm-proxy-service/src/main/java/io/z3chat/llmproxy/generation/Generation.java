package io.z3chat.llmproxy.generation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.generation.GenerationEvent.DeltaEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.DoneEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.ErrorEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.StartEvent;
import io.z3chat.llmproxy.openrouter.Usage;
import io.z3chat.llmproxy.reply.ErrorInfo;
import io.z3chat.llmproxy.reply.Timing;

/**
 * One reply being produced: the text so far (the only per-generation buffer, capped), how it ended, and the clients
 * following it. Followers keep just an offset into the text, so a slow one costs no memory: it gets the text it
 * missed as one larger delta once it asks for more.
 */
public final class Generation {

    private final String id;
    private final String user;
    private final String chatId;
    private final String messageId;
    private final String model;
    private final String owner;
    private final String callbackUrl;
    private final int maxChars;
    private final int maxFollowers;
    private final long startedNanos = System.nanoTime();
    private final Consumer<Generation> onFinished;
    private final List<GenerationFeed> feeds = new CopyOnWriteArrayList<>();
    final CheckpointProgress checkpoint = new CheckpointProgress();

    private final StringBuilder text = new StringBuilder();
    private GenerationStatus status = GenerationStatus.STREAMING;
    private ErrorEvent error;
    private Usage usage;
    private String servedModel;
    private String provider;
    private long firstTokenNanos = -1;
    private long firstContentNanos = -1;
    private long endedNanos = -1;
    private int contentChunks;

    Generation(String id, String user, GenerationRequest request, String owner, int maxChars, int maxFollowers,
            Consumer<Generation> onFinished) {
        this.id = id;
        this.user = user;
        this.chatId = request.chatId();
        this.messageId = request.messageId();
        this.model = request.model();
        this.callbackUrl = request.callbackUrl();
        this.owner = owner;
        this.maxChars = maxChars;
        this.maxFollowers = maxFollowers;
        this.onFinished = onFinished;
    }

    /** Adds reply text; false when no more is wanted (finished, or the cap was reached and ended it). */
    boolean append(String content) {
        boolean accepted;
        boolean hitCap = false;
        synchronized (this) {
            if (status != GenerationStatus.STREAMING) {
                return false;
            }
            markToken();
            if (firstContentNanos < 0) {
                firstContentNanos = System.nanoTime();
            }
            contentChunks++;
            int room = maxChars - text.length();
            if (content.length() <= room) {
                text.append(content);
                accepted = true;
            } else {
                int take = room > 0 && Character.isHighSurrogate(content.charAt(room - 1)) ? room - 1 : room;
                text.append(content, 0, Math.max(0, take));
                accepted = false;
                hitCap = true;
            }
        }
        if (hitCap) {
            fail("reply_too_long", "the reply reached the " + maxChars + " character limit", false);
        } else {
            signal();
        }
        return accepted;
    }

    /** Reasoning text is progress (a token arrived) but not part of the reply. */
    synchronized void reasoning() {
        markToken();
    }

    synchronized void served(String servedModel, String provider) {
        this.servedModel = servedModel;
        this.provider = provider;
    }

    synchronized void usage(Usage usage) {
        this.usage = usage;
    }

    /** True once any token, content or reasoning, arrived: from then on nothing is retried. */
    synchronized boolean hasProgress() {
        return firstTokenNanos >= 0;
    }

    void complete() {
        finish(GenerationStatus.COMPLETE, null);
    }

    void cancel() {
        finish(GenerationStatus.CANCELLED, null);
    }

    void fail(String code, String message, boolean retryable) {
        finish(GenerationStatus.ERROR, new ErrorEvent(id, code, message, retryable));
    }

    private void finish(GenerationStatus end, ErrorEvent failure) {
        synchronized (this) {
            if (status != GenerationStatus.STREAMING) {
                return;
            }
            status = end;
            error = failure;
            endedNanos = System.nanoTime();
        }
        signal();
        onFinished.accept(this);
    }

    /** Refuses a follower asking for text from beyond what exists, or one too many. */
    synchronized void checkFollow(int from) {
        if (from > text.length()) {
            throw ApiException.invalidRequest("from is beyond the " + text.length() + " characters produced so far");
        }
        if (feeds.size() >= maxFollowers) {
            throw ApiException.conflict("too many clients follow this generation");
        }
    }

    Flow.Publisher<GenerationEvent> follow(int from) {
        return subscriber -> {
            GenerationFeed feed = new GenerationFeed(this, from, subscriber);
            feeds.add(feed);
            subscriber.onSubscribe(feed);
        };
    }

    void detach(GenerationFeed feed) {
        feeds.remove(feed);
    }

    /** Clients following it right now. */
    int followers() {
        return feeds.size();
    }

    /** The next event for a follower, or null when it has everything there is for now. */
    synchronized GenerationEvent next(GenerationFeed feed) {
        if (!feed.startSent) {
            feed.startSent = true;
            return new StartEvent(id, chatId, messageId, model, owner);
        }
        if (text.length() > feed.offset) {
            DeltaEvent delta = new DeltaEvent(id, feed.offset, text.substring(feed.offset));
            feed.offset = text.length();
            return delta;
        }
        if (status == GenerationStatus.STREAMING || feed.doneSent) {
            return null;
        }
        if (error != null && !feed.errorSent) {
            feed.errorSent = true;
            return error;
        }
        feed.doneSent = true;
        return new DoneEvent(id, messageId, status, usage, timing(), errorInfo());
    }

    /** The text when it is longer than {@code length} characters, else null. */
    synchronized String textLongerThan(int length) {
        return text.length() > length ? text.toString() : null;
    }

    synchronized int length() {
        return text.length();
    }

    synchronized String text() {
        return text.toString();
    }

    synchronized GenerationStatus status() {
        return status;
    }

    synchronized boolean isFinished() {
        return status != GenerationStatus.STREAMING;
    }

    synchronized Usage usage() {
        return usage;
    }

    synchronized ErrorInfo errorInfo() {
        return error == null ? null : new ErrorInfo(error.code(), error.message());
    }

    /** The model that served the reply when the upstream said, else the one asked for. */
    synchronized String servedModel() {
        return servedModel != null ? servedModel : model;
    }

    synchronized String provider() {
        return provider;
    }

    synchronized Timing timing() {
        long end = endedNanos >= 0 ? endedNanos : System.nanoTime();
        Long ttftMs = firstContentNanos >= 0 ? (firstContentNanos - startedNanos) / 1_000_000 : null;
        long durationMs = (end - startedNanos) / 1_000_000;
        Double tokensPerSecond = null;
        int tokens = usage != null && usage.completionTokens() > 0 ? usage.completionTokens() : contentChunks;
        double streamingSeconds = firstTokenNanos >= 0 ? (end - firstTokenNanos) / 1e9 : 0;
        if (tokens > 0 && streamingSeconds > 0) {
            tokensPerSecond = Math.round(tokens / streamingSeconds * 10) / 10.0;
        }
        return new Timing(ttftMs, durationMs, tokensPerSecond);
    }

    private void markToken() {
        if (firstTokenNanos < 0) {
            firstTokenNanos = System.nanoTime();
        }
    }

    private void signal() {
        for (GenerationFeed feed : feeds) {
            feed.drain();
        }
    }

    public String id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String chatId() {
        return chatId;
    }

    public String messageId() {
        return messageId;
    }

    public String model() {
        return model;
    }

    public String owner() {
        return owner;
    }

    public String callbackUrl() {
        return callbackUrl;
    }
}
