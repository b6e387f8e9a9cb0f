package io.z3chat.llmproxy.titles;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.models.ModelRouter;
import io.z3chat.llmproxy.offline.OfflineModel;
import io.z3chat.llmproxy.openrouter.ChatCompletionRequest;
import io.z3chat.llmproxy.openrouter.ChatMessage;
import io.z3chat.llmproxy.openrouter.CompletionEvent;
import io.z3chat.llmproxy.openrouter.OpenRouterStreamClient;
import io.z3chat.llmproxy.openrouter.UpstreamException;

/**
 * A short title for a chat's first exchange, from a small model and within a time limit. Without an API key the
 * title is the first words of the first user message: deterministic, no model involved. The model's text is passed on
 * as it wrote it: persistence-service owns the rules for titles and cleans it when the gateway stores it.
 */
@ApplicationScoped
public class TitleService {

    private static final Logger LOG = Logger.getLogger(TitleService.class);
    private static final int MAX_EXCERPT = 1000;
    private static final int OFFLINE_WORDS = 6;
    private static final String INSTRUCTION = "You name chats. Reply with a title of at most six words for the "
            + "conversation the user shows you: no quotes, no markdown, no final punctuation.";

    private final ModelRouter router;
    private final OpenRouterStreamClient openRouter;
    private final TitlesConfig config;

    public TitleService(ModelRouter router, OpenRouterStreamClient openRouter, TitlesConfig config) {
        this.router = router;
        this.openRouter = openRouter;
        this.config = config;
    }

    public Uni<Title> title(String user, TitleRequest request) {
        if (router.offlineOnly()) {
            return Uni.createFrom().item(new Title(offlineTitle(request.messages())));
        }
        String model = request.model() != null ? request.model() : config.model();
        ChatCompletionRequest completion = ChatCompletionRequest.streaming(model, prompt(request.messages()), null,
                0.2, 24, user);
        return openRouter.stream(completion)
                .filter(event -> event instanceof CompletionEvent.Content)
                .map(event -> ((CompletionEvent.Content) event).text())
                .collect().in(StringBuilder::new, StringBuilder::append)
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(TitleService::failure)
                .map(StringBuilder::toString)
                .invoke(title -> {
                    if (title.isBlank()) {
                        throw ApiException.unavailable("the title model gave no title");
                    }
                })
                .map(Title::new);
    }

    static String offlineTitle(List<ChatMessage> messages) {
        String firstUser = messages.stream().filter(m -> "user".equals(m.role())).map(ChatMessage::content)
                .findFirst().orElse("");
        String words = OfflineModel.firstWords(firstUser, OFFLINE_WORDS);
        return words.isEmpty() ? "New chat" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static List<ChatMessage> prompt(List<ChatMessage> messages) {
        StringBuilder transcript = new StringBuilder();
        messages.stream().filter(m -> !"system".equals(m.role())).limit(2).forEach(m -> transcript
                .append(m.role().equals("user") ? "User: " : "Assistant: ")
                .append(m.content(), 0, Math.min(m.content().length(), MAX_EXCERPT))
                .append("\n\n"));
        return List.of(new ChatMessage("system", INSTRUCTION), new ChatMessage("user", transcript.toString().strip()));
    }

    private static Throwable failure(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof TimeoutException) {
            return ApiException.timeout("no title within the time limit");
        }
        if (failure instanceof UpstreamException upstream) {
            LOG.infof("title failed code=%s", upstream.code());
            return ApiException.unavailable("the title model failed (" + upstream.code() + ")");
        }
        return ApiException.unavailable("the title model failed");
    }
}
