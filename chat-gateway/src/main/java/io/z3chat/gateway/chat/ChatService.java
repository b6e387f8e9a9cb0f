package io.z3chat.gateway.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientResponse;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.downstream.DownstreamClient;
import io.z3chat.gateway.downstream.DownstreamErrors;
import io.z3chat.gateway.downstream.DownstreamResponse;
import io.z3chat.gateway.downstream.GenerationRequest;
import io.z3chat.gateway.downstream.LlmProxyApi;
import io.z3chat.gateway.downstream.MessagePage;
import io.z3chat.gateway.downstream.PersistenceApi;
import io.z3chat.gateway.downstream.StoredMessage;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.security.PublicOrigin;

/**
 * The chat flow shared by the socket and the SSE fallback: send (save, ack, generate, relay), resume (from the
 * generation's owner replica, or the last checkpoint when it is gone) and cancel. It keeps no state a restart could
 * lose: everything needed to resume lives in persistence-service and llm-proxy-service.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    static final String CALLBACK_PATH = "/internal/generations/callback";
    /** How often one reply's stream may break and be picked up again at its owner before the client is told. */
    private static final int MAX_STREAM_BREAKS = 3;

    private final PersistenceApi persistence;
    private final LlmProxyApi llmProxy;
    private final ChatHub hub;
    private final GenerationDirectory directory;
    private final GatewayMetrics metrics;
    private final GenerationRelay.Tools relayTools;
    private final GatewayConfig config;
    private final String callbackUrl;

    ChatService(PersistenceApi persistence, LlmProxyApi llmProxy, ChatHub hub, GenerationDirectory directory,
            GatewayMetrics metrics, ObjectMapper mapper, GatewayConfig config) {
        this.persistence = persistence;
        this.llmProxy = llmProxy;
        this.hub = hub;
        this.directory = directory;
        this.metrics = metrics;
        this.relayTools = new GenerationRelay.Tools(directory, metrics, mapper);
        this.config = config;
        String self = config.selfUrl();
        this.callbackUrl = (self.endsWith("/") ? self.substring(0, self.length() - 1) : self) + CALLBACK_PATH;
    }

    /**
     * The one way in for a send, from the socket and from the SSE route alike: validate, then {@link #send} in the
     * background. Throws {@link GatewayException} before anything is saved ({@code invalid_request},
     * {@code payload_too_large}), so each transport reports that its own way; later failures, among them
     * persistence's {@code rate_limited} (the user's messages per minute, counted in the save for every replica)
     * with its retry-after, reach {@code origin} as {@code error} frames (the SSE fallback turns one that comes
     * before anything streamed into a plain HTTP error).
     */
    public void submit(String user, SendMessage send, FrameSink origin, boolean joinRoom) {
        validate(send);
        (send.editOf() == null ? send(user, send, origin, joinRoom) : edit(user, send, origin, joinRoom))
                .subscribe().with(ignored -> {
                });
    }

    /**
     * The way in for a {@code regenerate}: validate (throws {@link GatewayException} before anything is stored), then
     * make the new version of the reply and generate it in the background, like a send's reply.
     */
    public void regenerate(String user, RegenerateReply regenerate, FrameSink origin, boolean joinRoom) {
        validate(regenerate);
        regenerateReply(user, regenerate, origin, joinRoom).subscribe().with(ignored -> {
        });
    }

    /** Checks a send before anything happens; throws 400 {@code invalid_request}. */
    void validate(SendMessage send) {
        Ids.requireId(send.chatId(), "chatId");
        if (send.message() == null) {
            throw GatewayException.invalidRequest("message is required");
        }
        Ids.requireId(send.message().id(), "message id");
        String content = send.message().content();
        if (content == null || content.isBlank()) {
            throw GatewayException.invalidRequest("message content is required");
        }
        if (content.length() > config.limits().messageChars()) {
            throw GatewayException.payloadTooLarge("message longer than " + config.limits().messageChars() + " characters");
        }
        requireModel(send.model());
        requireRequestId(send.requestId());
        if (send.editOf() != null) {
            Ids.requireId(send.editOf(), "editOf");
            if (send.editOf().equals(send.message().id())) {
                throw GatewayException.invalidRequest(
                        "An edit needs a new message id: the edited text is stored as a new version of editOf");
            }
        }
    }

    /** Checks a regenerate before anything happens; throws 400 {@code invalid_request}. */
    void validate(RegenerateReply regenerate) {
        Ids.requireId(regenerate.chatId(), "chatId");
        Ids.requireId(regenerate.messageId(), "messageId");
        if (regenerate.model() != null) {
            requireModel(regenerate.model());
        }
        requireRequestId(regenerate.requestId());
    }

    private static void requireModel(String model) {
        if (model == null || model.isBlank() || model.length() > 200 || model.chars().anyMatch(Character::isISOControl)) {
            throw GatewayException.invalidRequest("model is required");
        }
    }

    private static void requireRequestId(String requestId) {
        if (requestId != null && requestId.length() > 100) {
            throw GatewayException.invalidRequest("requestId too long");
        }
    }

    /**
     * Saves the user's message, acks it, starts the reply and relays it to {@code origin} and to the user's sockets on
     * this chat. {@code joinRoom}: the origin (a socket) follows the chat from now on. The returned Uni completes once
     * the reply streams (or the flow failed).
     *
     * <p>One store round trip stands between the send and the model: the history is read beside the save, not after
     * it, and the model is asked only once the save has landed. The save is also where the user's message rate limit
     * is checked (429 {@code rate_limited} with a retry-after, nothing saved), in persistence-service for all replicas.
     */
    Uni<Void> send(String user, SendMessage send, FrameSink origin, boolean joinRoom) {
        long sentAt = System.nanoTime();
        var key = new ChatHub.ChatKey(user, send.chatId());
        Uni<DownstreamResponse> save = acked(persistence.putUserMessage(user, send.chatId(), send.message().id(),
                send.message().content(), send.model()), key, origin, send.requestId(), send.message().id(), joinRoom);
        Uni<MessagePage> history = persistence.newestMessagesIfAny(user, send.chatId(), config.chat().historyLimit());
        return generate(user, key, origin, send.requestId(), sentAt, Uni.combine().all().unis(save, history).asTuple()
                .map(saved -> new GenerationRequest(send.chatId(), Ids.newId(), send.model(),
                        history(saved.getItem2(), send.message()), callbackUrl)));
    }

    /**
     * A user message's save ({@code save}), which acks it once it landed and counts a refusal by the message limit:
     * persistence counts the user's messages for every gateway replica at once, in this same save.
     */
    private <T> Uni<T> acked(Uni<T> save, ChatHub.ChatKey key, FrameSink origin, String requestId, String messageId,
            boolean joinRoom) {
        return save.invoke(saved -> {
            origin.offer(new ServerFrame.Ack(requestId, messageId));
            metrics.messageSent(origin.transport());
            if (joinRoom) {
                hub.join(key, origin);
            }
        })
                .onFailure(e -> e instanceof GatewayException g && g.code() == ErrorCode.RATE_LIMITED)
                .invoke(refused -> metrics.rateLimited("messages"));
    }

    /**
     * Asks llm-proxy for the reply {@code request} describes once it is known, and relays it to the chat's room; any
     * failure on the way reaches {@code origin} as an error frame with the request id.
     */
    private Uni<Void> generate(String user, ChatHub.ChatKey key, FrameSink origin, String requestId, long sentAt,
            Uni<GenerationRequest> request) {
        return request
                .chain(known -> start(user, known, true))
                .invoke(stream -> {
                    if (stream.statusCode() != 200) {
                        failFromResponse(stream, origin, requestId);
                        return;
                    }
                    var audience = new Audience(hub, key, origin, true);
                    GenerationRelay.newReply(relayTools, audience, sentAt, onBreak(user, audience, 0))
                            .attach(stream, null, null, 0);
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    fail(origin, requestId, null, failure);
                    return null;
                });
    }

    /**
     * An edit: stores the message as a new version of the user message {@code editOf} (persistence selects it and counts
     * it against the user's message limit), acks it, and generates a reply under it, with the selected path up to and
     * including the new version as history.
     */
    Uni<Void> edit(String user, SendMessage send, FrameSink origin, boolean joinRoom) {
        long sentAt = System.nanoTime();
        var key = new ChatHub.ChatKey(user, send.chatId());
        String requestId = send.requestId();
        Uni<StoredMessage> save = acked(persistence.addVersion(user, send.chatId(), send.editOf(),
                send.message().id(), send.message().content(), send.model()), key, origin, requestId,
                send.message().id(), joinRoom);
        var version = new NewVersion(send.editOf(), send.message().id(), Ids.newId(), send.model(),
                new GenerationRequest.HistoryMessage("user", send.message().content()));
        return replyUnderVersion(user, key, origin, requestId, sentAt, version, save);
    }

    /**
     * A regenerate: a new version of the reply {@code messageId} with a fresh id (empty and streaming until the
     * generation writes it, selected), acked with that id, then generated like any reply, with the selected path up to
     * the message the reply answers as history. Without a model the replaced reply's is used (else the chat's), read
     * first; with one, nothing stands between the new version and the model but that one store round trip.
     */
    Uni<Void> regenerateReply(String user, RegenerateReply regenerate, FrameSink origin, boolean joinRoom) {
        long sentAt = System.nanoTime();
        var key = new ChatHub.ChatKey(user, regenerate.chatId());
        String requestId = regenerate.requestId();
        String replyId = Ids.newId();
        Uni<String> model = regenerate.model() != null ? Uni.createFrom().item(regenerate.model())
                : persistence.message(user, regenerate.chatId(), regenerate.messageId())
                        .chain(replaced -> {
                            requireReply(replaced);
                            return replaced.model() != null ? Uni.createFrom().item(replaced.model())
                                    : persistence.getChat(user, regenerate.chatId()).map(chat -> chat.path("model")
                                            .isTextual() ? chat.path("model").asText() : null);
                        })
                        .map(found -> {
                            if (found == null || found.isBlank()) {
                                throw GatewayException.invalidRequest("model is required: this reply names none");
                            }
                            return found;
                        });
        return model.chain(chosen -> {
            Uni<StoredMessage> save = persistence.addVersion(user, regenerate.chatId(), regenerate.messageId(), replyId,
                    null, chosen)
                    .invoke(saved -> {
                        origin.offer(new ServerFrame.Ack(requestId, replyId));
                        if (joinRoom) {
                            hub.join(key, origin);
                        }
                    });
            var version = new NewVersion(regenerate.messageId(), replyId, replyId, chosen, null);
            return replyUnderVersion(user, key, origin, requestId, sentAt, version, save);
        }).onFailure().recoverWithItem(failure -> {
            fail(origin, requestId, null, failure);
            return null;
        });
    }

    /**
     * A new version being made: of {@code targetId}, with the id {@code versionId}; the reply to generate is
     * {@code replyId} (the version itself for a regenerate, a new reply under it for an edit), and {@code edited} the
     * edited user message that ends the history (null for a regenerate).
     */
    private record NewVersion(String targetId, String versionId, String replyId, String model,
            GenerationRequest.HistoryMessage edited) {

        boolean isEdit() {
            return edited != null;
        }
    }

    /**
     * Stores the new version ({@code save}) and reads the page around the message it replaces beside it: on the
     * selected path the messages before that one are the new version's own ancestors (a path through a message is the
     * only one to it), so that read is the history. When it missed (the message was off the selected path, or the new
     * version was selected first), the page around the new version is read instead. Then the reply is generated and
     * relayed to the chat's room like a send's.
     */
    private Uni<Void> replyUnderVersion(String user, ChatHub.ChatKey key, FrameSink origin, String requestId,
            long sentAt, NewVersion version, Uni<StoredMessage> save) {
        String chatId = key.chatId();
        int aroundLimit = Math.min(200, 2 * config.chat().historyLimit() + 1);
        Uni<Outcome<StoredMessage>> saved = save.map(Outcome::of).onFailure().recoverWithItem(Outcome::failed);
        Uni<Optional<MessagePage>> early = persistence.messagesAround(user, chatId, version.targetId(), aroundLimit)
                .map(Optional::of).onFailure().recoverWithItem(failure -> Optional.empty());
        return generate(user, key, origin, requestId, sentAt, Uni.combine().all().unis(saved, early).asTuple()
                .chain(both -> {
                    Optional<MessagePage> around = both.getItem2();
                    if (both.getItem1().failure() != null) {
                        return Uni.createFrom().<List<GenerationRequest.HistoryMessage>>failure(
                                clearer(both.getItem1().failure(), around, version));
                    }
                    Optional<List<GenerationRequest.HistoryMessage>> known = around
                            .flatMap(page -> historyBefore(page, version.targetId()));
                    if (known.isPresent()) {
                        return Uni.createFrom().item(known.get());
                    }
                    return persistence.messagesAround(user, chatId, version.versionId(), aroundLimit)
                            .map(page -> historyBefore(page, version.versionId()).orElseThrow(() -> GatewayException
                                    .conflict("The chat's selected path moved away from the new version")));
                })
                .map(before -> {
                    List<GenerationRequest.HistoryMessage> history = new ArrayList<>(before);
                    if (version.isEdit()) {
                        history.add(version.edited());
                    }
                    if (history.isEmpty()) {
                        throw GatewayException.invalidRequest("This reply answers no message: there is nothing to "
                                + "generate it from");
                    }
                    int limit = config.chat().historyLimit();
                    return new GenerationRequest(chatId, version.replyId(), version.model(),
                            List.copyOf(history.subList(Math.max(0, history.size() - limit), history.size())),
                            callbackUrl);
                }));
    }

    /** A value or the failure that took its place. */
    private record Outcome<T>(T value, Throwable failure) {
        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    /**
     * persistence refuses a version of the wrong kind of message (content for a reply, none for a user message) with a
     * 400 that speaks of content; when the page read beside it shows the message, the client is told what it did.
     */
    private static Throwable clearer(Throwable failure, Optional<MessagePage> around, NewVersion version) {
        if (!(failure instanceof GatewayException refused) || refused.code() != ErrorCode.INVALID_REQUEST) {
            return failure;
        }
        return around.flatMap(page -> page.messagesOrEmpty().stream()
                .filter(m -> version.targetId().equals(m.id())).findFirst())
                .map(target -> {
                    try {
                        if (version.isEdit()) {
                            requireUserMessage(target);
                        } else {
                            requireReply(target);
                        }
                        return failure;
                    } catch (GatewayException wrongKind) {
                        return (Throwable) wrongKind;
                    }
                })
                .orElse(failure);
    }

    private static void requireReply(StoredMessage message) {
        if (!"assistant".equals(message.role())) {
            throw GatewayException.invalidRequest("Only a reply can be regenerated; messageId names a "
                    + message.role() + " message (a user message is edited: send with editOf)");
        }
    }

    private static void requireUserMessage(StoredMessage message) {
        if (!"user".equals(message.role())) {
            throw GatewayException.invalidRequest("Only a user message can be edited; editOf names a "
                    + message.role() + " message (a reply is regenerated: the regenerate frame)");
        }
    }

    /**
     * Asks llm-proxy for the reply. A 503 (the replica is draining before it stops, or is full) started nothing, so
     * it is asked once more: the load balancer sends that to another replica, one that is ready. A second 503 reaches
     * the client as {@code unavailable}, retryable.
     */
    private Uni<HttpClientResponse> start(String user, GenerationRequest request, boolean mayRetry) {
        return DownstreamClient.toUni(() -> llmProxy.start(user, request)).chain(stream -> {
            if (stream.statusCode() == 503 && mayRetry) {
                stream.resume();
                return start(user, request, false);
            }
            return Uni.createFrom().item(stream);
        });
    }

    /** Streams the rest of a reply from {@code offset}, wherever it is: owner replica, or persistence. */
    public Uni<Void> resume(String user, ResumeReply resume, FrameSink origin, boolean joinRoom) {
        Ids.requireId(resume.chatId(), "chatId");
        Ids.requireId(resume.generationId(), "generationId");
        int offset = resume.offset() == null ? 0 : resume.offset();
        if (offset < 0) {
            throw GatewayException.invalidRequest("offset must not be negative");
        }
        var key = new ChatHub.ChatKey(user, resume.chatId());
        String generationId = resume.generationId();
        if (joinRoom) {
            hub.join(key, origin);
        }
        origin.expect(generationId, offset);
        var audience = new Audience(hub, key, origin, false);
        return persistence.findByGeneration(user, resume.chatId(), generationId)
                .chain(found -> {
                    if (found.isEmpty()) {
                        return followAnnounced(user, audience, resume.chatId(), generationId, offset);
                    }
                    StoredMessage message = found.get();
                    if (!message.streaming()) {
                        replayStored(message, offset, audience, false);
                        return Uni.createFrom().voidItem();
                    }
                    return follow(user, audience, generationId, message.generationOwner(), offset, false, 0);
                })
                .onFailure().recoverWithItem(failure -> {
                    fail(origin, null, generationId, failure);
                    return null;
                });
    }

    /**
     * Follows a generation at its owner from {@code offset}. {@code live}: the audience is already streaming it (the
     * relay's connection broke), so it gets no second {@code start}.
     */
    private Uni<Void> follow(String user, Audience audience, String generationId, String owner, int offset,
            boolean live, int breaks) {
        if (PublicOrigin.originOf(owner) == null) {
            return lost(user, audience, generationId, offset, live);
        }
        return DownstreamClient.toUni(() -> llmProxy.follow(user, owner, generationId, offset))
                .chain(stream -> {
                    int status = stream.statusCode();
                    if (status == 200) {
                        var onBreak = onBreak(user, audience, breaks);
                        (live ? GenerationRelay.continued(relayTools, audience, onBreak)
                                : GenerationRelay.resumed(relayTools, audience, onBreak))
                                .attach(stream, generationId, owner, offset);
                        return Uni.createFrom().voidItem();
                    }
                    if (status >= 400 && status < 500 && status != 404) {
                        // the owner is there and refuses the request itself (an offset beyond the text)
                        failFromResponse(stream, audience.origin(), null);
                        return Uni.createFrom().voidItem();
                    }
                    // 404: the owner no longer knows it (restarted); 5xx: the owner is failing
                    stream.resume();
                    return lost(user, audience, generationId, offset, live);
                })
                .onFailure().recoverWithUni(failure -> lost(user, audience, generationId, offset, live));
    }

    /**
     * A relay whose stream breaks mid-reply carries on: the owner replica may only have lost this connection, so it is
     * followed from where the audience is; when it does not answer, the audience gets the last checkpoint and
     * {@code generation_lost}. A stream that keeps breaking is left to the client to resume.
     */
    private GenerationRelay.Break onBreak(String user, Audience audience, int breaks) {
        return breaks >= MAX_STREAM_BREAKS ? null
                : (generationId, owner, offset) -> follow(user, audience, generationId, owner, offset, true, breaks + 1)
                        .subscribe().with(ignored -> {
                        }, failure -> {
                            audience.send(ServerFrame.Error.of(null, generationId, knownOrInternal(failure)));
                            audience.origin().finish();
                        });
    }

    /**
     * The owner replica did not answer. If the reply finished meanwhile, send it; otherwise send the last checkpoint
     * and {@code generation_lost}, not retryable (persistence's sweeper will mark it interrupted). A reply never
     * checkpointed at all is lost the same way, with no text.
     */
    private Uni<Void> lost(String user, Audience audience, String generationId, int offset, boolean live) {
        LOG.infof("Generation owner unreachable chatId=%s generationId=%s", audience.key().chatId(), generationId);
        return persistence.findByGeneration(user, audience.key().chatId(), generationId).invoke(found -> {
            StoredMessage message = found.orElse(null);
            if (message != null && !message.streaming()) {
                replayStored(message, offset, audience, live);
                return;
            }
            if (message != null && !live) {
                audience.send(new ServerFrame.Start(generationId, message.chatId(), message.id(), message.model()));
            }
            String content = message == null || message.content() == null ? "" : message.content();
            sendText(audience, generationId, offset, content, () -> {
                audience.send(ServerFrame.Error.of(null, generationId, ErrorCode.GENERATION_LOST,
                        "The server generating this reply is gone; the text so far is kept", false));
                audience.origin().finish();
            });
        }).replaceWithVoid();
    }

    /** Cancels a generation at the replica that owns it; the stream then ends with {@code done cancelled}. */
    public Uni<Void> cancel(String user, CancelGeneration cancel, FrameSink origin) {
        String generationId = Ids.requireId(cancel.generationId(), "generationId");
        Optional<GenerationDirectory.Entry> known = directory.find(user, generationId);
        String chatId = known.map(GenerationDirectory.Entry::chatId).orElse(cancel.chatId());
        if (chatId == null) {
            throw GatewayException.notFound("Unknown generation");
        }
        Ids.requireId(chatId, "chatId");
        return persistence.findByGeneration(user, chatId, generationId)
                .map(found -> found.map(StoredMessage::generationOwner)
                        .or(() -> known.map(GenerationDirectory.Entry::owner))
                        .filter(owner -> PublicOrigin.originOf(owner) != null)
                        .orElseThrow(() -> GatewayException.notFound("Unknown generation")))
                .chain(owner -> llmProxy.cancel(user, owner, generationId))
                .invoke(response -> {
                    if (!response.ok()) {
                        throw DownstreamErrors.toException(response);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    origin.offer(ServerFrame.Error.of(null, generationId, knownOrInternal(failure)));
                    return null;
                });
    }

    /**
     * A generation this instance saw start but persistence does not hold yet: its first checkpoint goes out beside
     * the upstream request, so a tab told by {@code started} can ask before it lands. Its owner is known from the start.
     */
    private Uni<Void> followAnnounced(String user, Audience audience, String chatId, String generationId, int offset) {
        var entry = directory.find(user, generationId).filter(e -> e.chatId().equals(chatId) && e.owner() != null);
        if (entry.isEmpty()) {
            return Uni.createFrom().failure(GatewayException.notFound("Unknown generation"));
        }
        return follow(user, audience, generationId, entry.get().owner(), offset, false, 0);
    }

    private static void replayStored(StoredMessage message, int offset, Audience audience, boolean live) {
        String content = message.content() == null ? "" : message.content();
        if (!live) {
            audience.send(new ServerFrame.Start(message.generationId(), message.chatId(), message.id(), message.model()));
        }
        sendText(audience, message.generationId(), offset, content, () -> {
            audience.send(ServerFrame.doneOf(message));
            audience.origin().finish();
        });
    }

    /**
     * Sends a stored text from {@code offset} in deltas of at most {@link ServerFrame.Delta#MAX_CHARS}, each once the
     * origin has room, then runs {@code then}: a reply longer than the client's outbound bound resumes whole instead
     * of overflowing it in one frame.
     */
    private static void sendText(Audience audience, String generationId, int offset, String content, Runnable then) {
        if (content.length() <= offset) {
            then.run();
            return;
        }
        List<ServerFrame.Delta> pieces = new ServerFrame.Delta(generationId, offset, content.substring(offset))
                .pieces(ServerFrame.Delta.MAX_CHARS);
        sendPieces(audience, pieces, 0, then);
    }

    private static void sendPieces(Audience audience, List<ServerFrame.Delta> pieces, int index, Runnable then) {
        if (index == pieces.size() || !audience.origin().isOpen()) {
            then.run();
            return;
        }
        audience.send(pieces.get(index));
        audience.origin().whenReady(() -> sendPieces(audience, pieces, index + 1, then));
    }

    /**
     * The newest page as model history, ending with the message being sent: the page is read beside the save, so it
     * may not hold that message yet (it is then added at the end), or hold an earlier text of it (a retried send that
     * replaces it). Finished replies with text only, never failed or partial ones.
     */
    static List<GenerationRequest.HistoryMessage> history(MessagePage page, SendMessage.UserMessage sent) {
        List<GenerationRequest.HistoryMessage> history = new ArrayList<>();
        boolean seen = false;
        for (StoredMessage m : page.messagesOrEmpty()) {
            if (sent.id().equals(m.id())) {
                seen = true;
                history.add(new GenerationRequest.HistoryMessage("user", sent.content()));
            } else if (usableAsHistory(m)) {
                history.add(new GenerationRequest.HistoryMessage(m.role(), m.content()));
            }
        }
        if (!seen) {
            history.add(new GenerationRequest.HistoryMessage("user", sent.content()));
        }
        return history;
    }

    /**
     * The history a page of the selected path holds before {@code messageId} (the message's ancestors), filtered as
     * {@link #history}; empty when the page does not hold that message.
     */
    static Optional<List<GenerationRequest.HistoryMessage>> historyBefore(MessagePage page, String messageId) {
        List<GenerationRequest.HistoryMessage> history = new ArrayList<>();
        for (StoredMessage m : page.messagesOrEmpty()) {
            if (messageId.equals(m.id())) {
                return Optional.of(history);
            }
            if (usableAsHistory(m)) {
                history.add(new GenerationRequest.HistoryMessage(m.role(), m.content()));
            }
        }
        return Optional.empty();
    }

    private static boolean usableAsHistory(StoredMessage m) {
        return m.content() != null && !m.content().isEmpty() && !"error".equals(m.status()) && !m.streaming()
                && ("user".equals(m.role()) || "assistant".equals(m.role()) || "system".equals(m.role()));
    }

    private void failFromResponse(HttpClientResponse stream, FrameSink origin, String requestId) {
        stream.body().onComplete(body -> {
            GatewayException error = body.succeeded()
                    ? DownstreamErrors.toException(new DownstreamResponse(stream.statusCode(), stream.headers(), body.result()))
                    : GatewayException.unavailable("llm-proxy-service is unavailable");
            if (stream.statusCode() >= 500) {
                error = GatewayException.unavailable("llm-proxy-service is unavailable, try again shortly");
            }
            fail(origin, requestId, null, error);
        });
        stream.resume();
    }

    private static void fail(FrameSink origin, String requestId, String generationId, Throwable failure) {
        origin.offer(ServerFrame.Error.of(requestId, generationId, knownOrInternal(failure)));
        origin.finish();
    }

    /** A failure the flow did not foresee is a bug: logged, and {@code internal} for the client. */
    private static GatewayException knownOrInternal(Throwable failure) {
        if (failure instanceof GatewayException gatewayException) {
            return gatewayException;
        }
        LOG.error("Unexpected failure in chat flow", failure);
        return GatewayException.internal();
    }
}
