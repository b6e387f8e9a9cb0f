package io.z3chat.gateway.chat;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.downstream.GenerationRequest;
import io.z3chat.gateway.downstream.LlmProxyApi;
import io.z3chat.gateway.downstream.MessagePage;
import io.z3chat.gateway.downstream.PersistenceApi;
import io.z3chat.gateway.downstream.StoredMessage;

/**
 * After a chat's first exchange is saved, asks llm-proxy for a short title, stores it (titleSource llm, which never
 * overrides a rename) and pushes the chat to the user's sockets on it. When titling fails the chat keeps the automatic
 * title persistence gave it (the first words of the first message), and that is pushed instead.
 */
@ApplicationScoped
public class TitleService {

    private static final Logger LOG = Logger.getLogger(TitleService.class);
    static final int TITLE_CHARS = 200;
    private static final int PROMPT_CHARS = 2000;

    private final PersistenceApi persistence;
    private final LlmProxyApi llmProxy;
    private final ChatHub hub;

    TitleService(PersistenceApi persistence, LlmProxyApi llmProxy, ChatHub hub) {
        this.persistence = persistence;
        this.llmProxy = llmProxy;
        this.hub = hub;
    }

    /** Runs in the background; failures are logged, never surfaced to the caller. */
    public void afterReplySaved(String user, String chatId) {
        persistence.newestMessages(user, chatId, 3)
                .chain(page -> isFirstExchange(page) ? retitle(user, chatId, page) : Uni.createFrom().nullItem())
                .subscribe().with(chat -> {
                    if (chat != null) {
                        hub.publish(new ChatHub.ChatKey(user, chatId), null, new ServerFrame.Chat(chat));
                    }
                }, failure -> LOG.infof("No title pushed chatId=%s cause=%s", chatId, failure.getMessage()));
    }

    private Uni<JsonNode> retitle(String user, String chatId, MessagePage page) {
        List<GenerationRequest.HistoryMessage> prompt = page.messagesOrEmpty().stream()
                .map(m -> new GenerationRequest.HistoryMessage(m.role(), clip(m.content(), PROMPT_CHARS)))
                .toList();
        return llmProxy.title(user, chatId, prompt)
                .map(TitleService::clean)
                .chain(title -> title == null ? persistence.getChat(user, chatId)
                        : persistence.setGeneratedTitle(user, chatId, title))
                .onFailure().recoverWithUni(failure -> persistence.getChat(user, chatId));
    }

    static boolean isFirstExchange(MessagePage page) {
        if (page.chat() == null || !"auto".equals(page.chat().titleSource())) {
            return false;
        }
        List<StoredMessage> messages = page.messagesOrEmpty();
        return messages.size() == 2 && "user".equals(messages.get(0).role())
                && "assistant".equals(messages.get(1).role()) && !messages.get(1).streaming();
    }

    static String clean(String title) {
        if (title == null) {
            return null;
        }
        String text = title.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").trim();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        text = clip(text, TITLE_CHARS).trim();
        return text.isEmpty() ? null : text;
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
