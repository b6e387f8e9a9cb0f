package io.z3chat.persistence.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The path a chat shows, as the chain of its lines: each line with the last of its messages on the path (the
 * leaf line has none: it runs to its end). Along a path (timestamp, id) only grows, because every message is
 * stamped after the one it answers, so the path in that order is its segments one after another, and a page
 * is one query with one clause per segment it can reach. A linear chat is one segment: the whole chat.
 *
 * @param segments root first
 * @param wholeChat the chat never branched: every message is on the path and reads need no line filter
 */
public record SelectedPath(List<Segment> segments, boolean wholeChat) {

    /** One line of the path: its messages after the previous segment's end, up to {@code until} (inclusive). */
    public record Segment(String branchId, Cursor until) {
    }

    public static final SelectedPath WHOLE_CHAT = new SelectedPath(List.of(new Segment(null, null)), true);

    static SelectedPath originalLine() {
        return new SelectedPath(List.of(new Segment(null, null)), false);
    }

    static SelectedPath of(BranchEntity leaf) {
        var segments = new ArrayList<Segment>(leaf.ancestors.size() + 1);
        leaf.ancestors.forEach(a -> segments.add(new Segment(a.branchId, a.until())));
        segments.add(new Segment(leaf.id, null));
        return new SelectedPath(List.copyOf(segments), false);
    }

    /** The branch ids of the path's lines that have a document (all but the original line). */
    List<String> branchIds() {
        return segments.stream().map(Segment::branchId).filter(id -> id != null).toList();
    }

    public String leafBranchId() {
        return segments.get(segments.size() - 1).branchId();
    }

    /** Whether the message is one of the path's. */
    boolean contains(MessageEntity message) {
        if (wholeChat) {
            return true;
        }
        for (var segment : segments) {
            if (java.util.Objects.equals(segment.branchId(), message.branchId)) {
                return segment.until() == null || !segment.until().isBefore(Cursor.of(message));
            }
        }
        return false;
    }

    /**
     * The segments that can hold the {@code rows} newest messages before {@code cursor} (all when null): those
     * starting before it, the newest {@code rows + 1} of them. Every segment holds at least one message (a
     * line starts with its first, and a path leaves a line only after one of its messages), so only the one the
     * cursor is in can hold none before it.
     */
    List<Segment> reachingBack(Cursor cursor, int rows) {
        int end = segments.size();
        if (cursor != null) {
            end = 0;
            while (end < segments.size() && (end == 0 || segments.get(end - 1).until().isBefore(cursor))) {
                end++;
            }
        }
        return segments.subList(Math.max(0, end - rows - 1), end);
    }

    /** The segments that can hold the {@code rows} oldest messages after {@code cursor} (all when null). */
    List<Segment> reachingForward(Cursor cursor, int rows) {
        int start = 0;
        if (cursor != null) {
            while (start < segments.size() - 1 && !cursor.isBefore(segments.get(start).until())) {
                start++;
            }
        }
        return segments.subList(start, Math.min(segments.size(), start + rows + 1));
    }
}
