package io.z3chat.persistence.search;

import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.message.Cursor;
import io.z3chat.persistence.store.TextSearchIndex;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Search over the user's own messages: of live chats only (deleted ones are left out until they
 * are restored or purged), newest first, paged by a (timestamp, id) cursor.
 */
@ApplicationScoped
public class SearchService {

    private final SearchRepository search;
    private final ChatRepository chats;
    private final ChatService chatService;
    private final TextSearchIndex textIndex;

    SearchService(SearchRepository search, ChatRepository chats, ChatService chatService, TextSearchIndex textIndex) {
        this.search = search;
        this.chats = chats;
        this.chatService = chatService;
        this.textIndex = textIndex;
    }

    public SearchPage search(String user, SearchQuery query) {
        List<String> hidden = List.of();
        if (query.chatId() != null) {
            chatService.requireVisible(user, query.chatId());
        } else {
            hidden = chats.deletedIds(user);
        }
        // Terms of punctuation alone ("[", ".*") have no words for a text index to find.
        boolean useText = textIndex.available() && query.terms().indexable();
        var rows = search.find(user, query, hidden, useText, query.limit() + 1);
        boolean hasMore = rows.size() > query.limit();
        var page = rows.subList(0, Math.min(query.limit(), rows.size()));
        var titles = chats.visibleTitles(user, page.stream().map(m -> m.chatId).collect(Collectors.toSet()));
        var patterns = Snippet.patterns(query.terms());
        var hits = page.stream()
                // A chat deleted a moment ago, or an import that has not committed its chat yet.
                .filter(m -> titles.containsKey(m.chatId))
                .map(m -> new SearchHit(m.chatId, titles.get(m.chatId), m.id, m.role, m.timestamp,
                        Snippet.of(m.content, patterns)))
                .toList();
        var next = hasMore ? Cursor.of(page.get(page.size() - 1)).encode() : null;
        return new SearchPage(hits, hasMore, next, useText ? "text" : "regex");
    }
}
