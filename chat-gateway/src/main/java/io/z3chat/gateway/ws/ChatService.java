package io.z3chat.gateway.ws;

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
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.ratelimit.RateLimiter;
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

    private final PersistenceApi persistence;
    private final LlmProxyApi llmProxy;
    private final ChatHub hub;
    private final GenerationDirectory directory;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final GatewayConfig config;
    private final String callbackUrl;

    ChatService(PersistenceApi persistence, LlmProxyApi llmProxy, ChatHub hub, GenerationDirectory directory,
            RateLimiter limiter, GatewayMetrics metrics, ObjectMapper mapper, GatewayConfig config) {
        this.persistence = persistence;
        this.llmProxy = llmProxy;
        this.hub = hub;
        this.directory = directory;
        this.limiter = limiter;
        this.metrics = metrics;
        this.mapper = mapper;
        this.config = config;
        String self = config.selfUrl();
        this.callbackUrl = (self.endsWith("/") ? self.substring(0, self.length() - 1) : self) + CALLBACK_PATH;
    }

    /** Checks a send before anything happens; throws 400 {@code invalid_request}. */
    public void validate(ClientFrame.Send send) {
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
        String model = send.model();
        if (model == null || model.isBlank() || model.length() > 200 || model.chars().anyMatch(Character::isISOControl)) {
            throw GatewayException.invalidRequest("model is required");
        }
        if (send.requestId() != null && send.requestId().length() > 100) {
            throw GatewayException.invalidRequest("requestId too long");
        }
    }

    public RateLimiter.Decision checkMessageRate(String user) {
        return limiter.tryMessage(user);
    }

    /**
     * Saves the user's message, acks it, starts the reply and relays it to {@code origin} and to the user's sockets on
     * this chat. {@code joinRoom}: the origin (a socket) follows the chat from now on. The returned Uni completes once
     * the reply streams (or the flow failed).
     */
    public Uni<Void> send(String user, ClientFrame.Send send, FrameSink origin, boolean joinRoom) {
        long sentAt = System.nanoTime();
        var key = new ChatHub.ChatKey(user, send.chatId());
        String requestId = send.requestId();
        return persistence.putUserMessage(user, send.chatId(), send.message().id(), send.message().content(), send.model())
                .invoke(saved -> {
                    origin.offer(new ServerFrame.Ack(requestId, send.message().id()));
                    metrics.messageSent(origin.transport());
                    if (joinRoom) {
                        hub.join(key, origin);
                    }
                })
                .chain(saved -> persistence.newestMessages(user, send.chatId(), config.chat().historyLimit()))
                .chain(page -> {
                    var request = new GenerationRequest(send.chatId(), Ids.newId(), send.model(), history(page), callbackUrl);
                    return DownstreamClient.toUni(() -> llmProxy.start(user, request));
                })
                .invoke(stream -> {
                    if (stream.statusCode() != 200) {
                        failFromResponse(stream, origin, requestId);
                        return;
                    }
                    new GenerationRelay(hub, key, origin, true, directory, metrics, mapper, sentAt).attach(stream, null);
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    fail(origin, requestId, null, failure);
                    return null;
                });
    }

    /** Streams the rest of a reply from {@code offset}, wherever it is: owner replica, or persistence. */
    public Uni<Void> resume(String user, ClientFrame.Resume resume, FrameSink origin, boolean joinRoom) {
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
        return findMessage(user, resume.chatId(), generationId)
                .chain(message -> {
                    if (!message.streaming()) {
                        replayStored(message, offset, origin);
                        return Uni.createFrom().voidItem();
                    }
                    return follow(user, key, message, offset, origin);
                })
                .onFailure().recoverWithItem(failure -> {
                    fail(origin, null, generationId, failure);
                    return null;
                });
    }

    private Uni<Void> follow(String user, ChatHub.ChatKey key, StoredMessage message, int offset, FrameSink origin) {
        String owner = message.generationOwner();
        if (PublicOrigin.originOf(owner) == null) {
            return lost(user, key, message.generationId(), offset, origin);
        }
        return DownstreamClient.toUni(() -> llmProxy.follow(user, owner, message.generationId(), offset))
                .chain(stream -> {
                    int status = stream.statusCode();
                    if (status == 200) {
                        new GenerationRelay(hub, key, origin, false, directory, metrics, mapper, -1)
                                .attach(stream, message.generationId());
                        return Uni.createFrom().voidItem();
                    }
                    if (status >= 400 && status < 500 && status != 404) {
                        // the owner is there and refuses the request itself (an offset beyond the text)
                        failFromResponse(stream, origin, null);
                        return Uni.createFrom().voidItem();
                    }
                    // 404: the owner no longer knows it (restarted); 5xx: the owner is failing
                    stream.resume();
                    return lost(user, key, message.generationId(), offset, origin);
                })
                .onFailure().recoverWithUni(failure -> lost(user, key, message.generationId(), offset, origin));
    }

    /**
     * The owner replica did not answer. If the reply finished meanwhile, send it; otherwise send the last checkpoint
     * and {@code generation_lost} (persistence's sweeper will mark it interrupted).
     */
    private Uni<Void> lost(String user, ChatHub.ChatKey key, String generationId, int offset, FrameSink origin) {
        LOG.infof("Generation owner unreachable chatId=%s generationId=%s", key.chatId(), generationId);
        return findMessage(user, key.chatId(), generationId).invoke(message -> {
            if (!message.streaming()) {
                replayStored(message, offset, origin);
                return;
            }
            String content = message.content() == null ? "" : message.content();
            origin.offer(new ServerFrame.Start(generationId, message.id(), message.model()));
            if (content.length() > offset) {
                origin.offer(new ServerFrame.Delta(generationId, offset, content.substring(offset)));
            }
            origin.offer(ServerFrame.Error.of(null, generationId, "generation_lost",
                    "The server generating this reply is gone; the text so far is kept", false));
            origin.finish();
        }).replaceWithVoid();
    }

    /** Cancels a generation at the replica that owns it; the stream then ends with {@code done cancelled}. */
    public Uni<Void> cancel(String user, ClientFrame.Cancel cancel, FrameSink origin) {
        String generationId = Ids.requireId(cancel.generationId(), "generationId");
        Optional<GenerationDirectory.Entry> known = directory.find(user, generationId);
        String chatId = known.map(GenerationDirectory.Entry::chatId).orElse(cancel.chatId());
        if (chatId == null) {
            throw GatewayException.notFound("Unknown generation");
        }
        Ids.requireId(chatId, "chatId");
        return persistence.newestMessages(user, chatId, config.chat().resumeLookupLimit())
                .map(page -> page.messagesOrEmpty().stream().filter(m -> generationId.equals(m.generationId()))
                        .map(StoredMessage::generationOwner).filter(o -> o != null).reduce((a, b) -> b)
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
                    GatewayException error = asGateway(failure);
                    origin.offer(ServerFrame.Error.of(null, generationId, error.code(), error.getMessage(),
                            error.retryable()));
                    return null;
                });
    }

    private Uni<StoredMessage> findMessage(String user, String chatId, String generationId) {
        return persistence.findByGeneration(user, chatId, generationId, config.chat().resumeLookupLimit())
                .map(found -> found.orElseThrow(() -> GatewayException.notFound("Unknown generation")));
    }

    private static void replayStored(StoredMessage message, int offset, FrameSink origin) {
        String content = message.content() == null ? "" : message.content();
        origin.offer(new ServerFrame.Start(message.generationId(), message.id(), message.model()));
        if (content.length() > offset) {
            origin.offer(new ServerFrame.Delta(message.generationId(), offset, content.substring(offset)));
        }
        origin.offer(ServerFrame.doneOf(message));
        origin.finish();
    }

    /** The newest page as model history: finished or partial replies with text, never failed ones. */
    static List<GenerationRequest.HistoryMessage> history(MessagePage page) {
        return page.messagesOrEmpty().stream()
                .filter(m -> m.content() != null && !m.content().isEmpty())
                .filter(m -> !"error".equals(m.status()) && !m.streaming())
                .filter(m -> "user".equals(m.role()) || "assistant".equals(m.role()) || "system".equals(m.role()))
                .map(m -> new GenerationRequest.HistoryMessage(m.role(), m.content()))
                .toList();
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
        GatewayException error = asGateway(failure);
        origin.offer(new ServerFrame.Error(requestId, generationId, error.code(), error.getMessage(), error.retryable(),
                error.retryAfterSeconds() > 0 ? error.retryAfterSeconds() : null));
        origin.finish();
    }

    static GatewayException asGateway(Throwable failure) {
        if (failure instanceof GatewayException gatewayException) {
            return gatewayException;
        }
        LOG.error("Unexpected failure in chat flow", failure);
        return new GatewayException(500, "internal", "Internal error", true, 0);
    }
}
