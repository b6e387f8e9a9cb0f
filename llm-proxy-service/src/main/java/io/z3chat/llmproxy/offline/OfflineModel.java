package io.z3chat.llmproxy.offline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.openrouter.ChatCompletionRequest;
import io.z3chat.llmproxy.openrouter.ChatMessage;
import io.z3chat.llmproxy.openrouter.CompletionEvent;
import io.z3chat.llmproxy.openrouter.CompletionSource;
import io.z3chat.llmproxy.openrouter.Usage;

/**
 * The model offered when no {@code OPENROUTER_API_KEY} is set: a fixed markdown reply (with a fenced code block)
 * that quotes the start of the last user message, streamed a token at a time. The same conversation always
 * gets the same reply.
 */
@ApplicationScoped
public class OfflineModel implements CompletionSource {

    public static final String ID = "z3chat/offline";
    public static final String NAME = "z3chat offline (no API key)";

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+");
    private static final int QUOTED_WORDS = 12;

    private final Duration tokenDelay;

    public OfflineModel(OfflineConfig config) {
        this.tokenDelay = config.tokenDelay();
    }

    @Override
    public Multi<CompletionEvent> stream(ChatCompletionRequest request) {
        List<String> tokens = tokens(reply(request.messages()));
        Usage usage = new Usage(wordCount(request.messages()), tokens.size(),
                wordCount(request.messages()) + tokens.size(), null);
        Multi<CompletionEvent> content = Multi.createFrom().iterable(tokens)
                .onItem().call(token -> Uni.createFrom().voidItem().onItem().delayIt().by(tokenDelay))
                .map(CompletionEvent.Content::new);
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(new CompletionEvent.Served(ID, "z3chat")),
                content,
                Multi.createFrom().items(new CompletionEvent.Finish("stop"), new CompletionEvent.UsageReport(usage)));
    }

    /** The reply text for a conversation; public so that tests and titles agree with what is streamed. */
    public static String reply(List<ChatMessage> messages) {
        String quoted = firstWords(lastUserMessage(messages), QUOTED_WORDS);
        return """
                **Offline mode.** No `OPENROUTER_API_KEY` is set, so this reply comes from z3chat's built-in \
                offline model, not from a real one.

                You wrote: *%s*

                Here is a code block, to try highlighting and the copy button:

                ```python
                def greet(name: str) -> str:
                    return f"Hello, {name}!"

                print(greet("z3chat"))
                ```

                - Set `OPENROUTER_API_KEY` to talk to any OpenRouter model.
                - Or point `OPENROUTER_BASE_URL` at a local OpenAI-compatible server, with any `OPENROUTER_API_KEY`.
                """.formatted(quoted.isEmpty() ? "(nothing)" : quoted);
    }

    /** The first words of a text, without markdown punctuation, on one line. */
    public static String firstWords(String text, int count) {
        String plain = text == null ? "" : text.replaceAll("[*_`#>\\[\\]<|~\\\\]", " ").trim();
        if (plain.isEmpty()) {
            return "";
        }
        String[] words = plain.split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(count, words.length)));
    }

    public static String lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static int wordCount(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> m.content().isBlank() ? 0 : m.content().trim().split("\\s+").length)
                .sum();
    }
}
