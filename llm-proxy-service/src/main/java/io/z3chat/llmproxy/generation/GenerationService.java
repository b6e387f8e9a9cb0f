package io.z3chat.llmproxy.generation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.models.ModelRouter;
import io.z3chat.llmproxy.openrouter.ChatCompletionRequest;
import io.z3chat.llmproxy.openrouter.CompletionSource;
import io.z3chat.llmproxy.openrouter.OpenRouterConfig;
import io.z3chat.llmproxy.persistence.ReplySaver;
import io.z3chat.llmproxy.reply.FinalReply;
import io.z3chat.llmproxy.reply.MessagePatch;

/** Starts, finds and cancels generations, and hands each finished reply to be saved. */
@ApplicationScoped
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);

    private final GenerationRegistry registry;
    private final Map<String, GenerationRunner> runners = new ConcurrentHashMap<>();
    private final ModelRouter router;
    private final ReplySaver saver;
    private final Checkpointer checkpointer;
    private final GenerationMetrics metrics;
    private final GenerationConfig config;
    private final OpenRouterConfig openRouter;
    private final Vertx vertx;

    GenerationService(GenerationRegistry registry, ModelRouter router, ReplySaver saver, Checkpointer checkpointer,
            GenerationMetrics metrics, GenerationConfig config, OpenRouterConfig openRouter, Vertx vertx) {
        this.registry = registry;
        this.router = router;
        this.saver = saver;
        this.checkpointer = checkpointer;
        this.metrics = metrics;
        this.config = config;
        this.openRouter = openRouter;
        this.vertx = vertx;
    }

    /**
     * Starts a generation at once: the upstream request goes out first, the initial checkpoint beside it, and
     * neither holds up the answer. Bad input and a full replica are refused synchronously, before anything is
     * streamed.
     */
    public Generation start(String user, GenerationRequest request) {
        CompletionSource source = router.sourceFor(request.model());
        if (registry.closedToNew()) {
            // 503 unavailable, retryable: the gateway tells the client, whose retry reaches a replica that is ready
            throw ApiException.unavailable("this replica is shutting down; start the reply again to reach another");
        }
        if (!registry.tryReserve()) {
            throw ApiException.unavailable("this replica is streaming as many replies as it can");
        }
        Generation generation = new Generation(Ids.newGenerationId(), user, request, config.ownerUrl(),
                config.maxReplyChars(), config.maxFollowers(), this::finished);
        ChatCompletionRequest upstreamRequest = ChatCompletionRequest.streaming(request.model(), request.messages(),
                request.fallbackModels(), request.temperature(), request.maxTokens(), user);
        GenerationRunner runner = new GenerationRunner(generation, source, upstreamRequest, openRouter, vertx,
                metrics);
        registry.add(generation);
        runners.put(generation.id(), runner);
        LOG.infof("generation started generationId=%s chatId=%s messageId=%s model=%s", generation.id(),
                generation.chatId(), generation.messageId(), generation.model());
        runner.start();
        // The upstream request was issued on this event loop, which hands it its connection in a later turn: the
        // initial checkpoint (a REST call of its own) goes in the turn after, so that neither it nor this response's
        // start waits for it.
        Context context = Vertx.currentContext();
        if (context != null) {
            context.runOnContext(ignored -> checkpointer.initial(generation));
        } else {
            checkpointer.initial(generation);
        }
        return generation;
    }

    public Generation find(String id, String user) {
        return registry.find(id, user).orElseThrow(() -> ApiException.notFound("no such generation"));
    }

    /** Cancelling a finished generation changes nothing. */
    public void cancel(String id, String user) {
        Generation generation = find(id, user);
        GenerationRunner runner = runners.get(generation.id());
        if (runner != null) {
            runner.cancel();
        }
    }

    private void finished(Generation generation) {
        runners.remove(generation.id());
        registry.finished(generation);
        metrics.finished(generation);
        MessagePatch patch = new MessagePatch(generation.text(), generation.status().wire(), generation.usage(),
                generation.timing(), generation.errorInfo(), generation.id(), generation.owner(),
                generation.servedModel(), generation.provider());
        LOG.infof("generation finished generationId=%s status=%s chars=%d", generation.id(), patch.status(),
                patch.content().length());
        saver.saveFinal(new FinalReply(generation.user(), generation.chatId(), generation.messageId(),
                generation.id(), patch, generation.callbackUrl()));
    }
}
