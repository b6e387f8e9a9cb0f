package io.z3chat.persistence.transfer;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/**
 * Walks a keyset-paged query one element at a time, asking for the next page (after the last
 * element seen) only when the current one is used up: an export holds one page in memory, not
 * the user's history, and no database cursor stays open while a slow client reads.
 */
final class Paged<T> implements Iterator<T> {

    private final BiFunction<T, Integer, List<T>> fetch;
    private final int pageSize;
    private List<T> page = List.of();
    private int index;
    private T last;
    private boolean exhausted;

    /** @param fetch the page after an element (null: the first page) of at most the given size */
    Paged(BiFunction<T, Integer, List<T>> fetch, int pageSize) {
        this.fetch = fetch;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        if (index < page.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        page = fetch.apply(last, pageSize);
        index = 0;
        exhausted = page.size() < pageSize;
        return !page.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        last = page.get(index++);
        return last;
    }

    /** The next element without taking it, or null at the end. */
    T peek() {
        return hasNext() ? page.get(index) : null;
    }
}
