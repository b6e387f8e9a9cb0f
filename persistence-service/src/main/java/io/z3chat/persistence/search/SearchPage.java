package io.z3chat.persistence.search;

import java.util.List;

/**
 * A page of hits, newest first; pass {@code nextCursor} as {@code cursor} for the next one.
 * {@code mode} says how the store searched: {@code text} (a text index) or {@code regex} (a scan
 * of the user's messages).
 */
public record SearchPage(List<SearchHit> hits, boolean hasMore, String nextCursor, String mode) {
}
