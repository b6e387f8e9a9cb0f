package io.z3chat.persistence.search;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.z3chat.persistence.common.LiteralPattern;
import io.z3chat.persistence.message.MessageEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.descending;

/**
 * The search queries on {@code messages}, newest first, always bounded to one user. With text
 * search the text index (user first) finds the words; without it, escaped case-insensitive
 * regular expressions filter the user's messages as the index {userEmail, timestamp, _id} (or
 * {userEmail, chatId, timestamp, _id}) walks them.
 */
@ApplicationScoped
public class SearchRepository implements PanacheMongoRepositoryBase<MessageEntity, String> {

    static final Bson NEWEST_FIRST = descending("timestamp", "_id");
    private static final Bson HIT_FIELDS = Projections.include("_id", "chatId", "role", "content", "timestamp");

    /** Up to {@code limit} of the user's messages matching every term, newest first. */
    List<MessageEntity> find(String user, SearchQuery query, Collection<String> hiddenChats, boolean textIndex, int limit) {
        return mongoCollection().find(filter(user, query, hiddenChats, textIndex))
                .projection(HIT_FIELDS)
                .sort(NEWEST_FIRST)
                .limit(limit)
                .into(new ArrayList<>());
    }

    /** The whole filter (tests check what a MongoDB with text search would be sent). */
    static Bson filter(String user, SearchQuery query, Collection<String> hiddenChats, boolean textIndex) {
        var filter = new ArrayList<Bson>();
        filter.add(eq("userEmail", user));
        if (query.chatId() != null) {
            filter.add(eq("chatId", query.chatId()));
        } else if (!hiddenChats.isEmpty()) {
            filter.add(nin("chatId", hiddenChats));
        }
        if (query.from() != null) {
            filter.add(gte("timestamp", query.from()));
        }
        if (query.toExclusive() != null) {
            filter.add(lt("timestamp", query.toExclusive()));
        }
        if (query.cursor() != null) {
            // The bound on timestamp is what the index walks; the $or settles ties by id.
            filter.add(lte("timestamp", query.cursor().timestamp()));
            filter.add(or(lt("timestamp", query.cursor().timestamp()), lt("_id", query.cursor().id())));
        }
        if (textIndex) {
            filter.add(Filters.text(textSearch(query.terms())));
        } else {
            query.terms().words().forEach(words -> filter.add(Filters.regex("content", regex(words), "i")));
        }
        return and(filter);
    }

    /**
     * Every term as a quoted phrase: MongoDB ANDs phrases, where bare words would be ORed.
     * The parser never lets a double quote into a term.
     */
    static String textSearch(SearchTerms terms) {
        return terms.terms().stream().map(term -> "\"" + term + "\"").collect(Collectors.joining(" "));
    }

    /** A phrase's words, each escaped, with any run of white space between them. */
    static String regex(List<String> words) {
        return words.stream().map(LiteralPattern::of).collect(Collectors.joining("\\s+"));
    }
}
