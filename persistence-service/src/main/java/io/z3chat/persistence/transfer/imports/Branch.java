package io.z3chat.persistence.transfer.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Walks a message tree along one branch; a link back into the branch ends it, so bad data cannot loop. */
final class Branch {

    private Branch() {
    }

    /** From a leaf up its parents: the branch root first, the leaf last. */
    static <T> List<T> upFrom(T leaf, UnaryOperator<T> parent) {
        List<T> path = walk(leaf, parent);
        Collections.reverse(path);
        return path;
    }

    /** From a root down the chosen child at each step: the root first. */
    static <T> List<T> downFrom(T root, UnaryOperator<T> child) {
        return walk(root, child);
    }

    private static <T> List<T> walk(T start, UnaryOperator<T> step) {
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> path = new ArrayList<>();
        for (T node = start; node != null && seen.add(node); node = step.apply(node)) {
            path.add(node);
        }
        return path;
    }

    /**
     * The messages of a tree that are not on its visible branch (the versions the source app does not show), each
     * placed after the message it answers: its nearest ancestor that is a message (nodes that are not, such as
     * ChatGPT's system and tool nodes, are passed through). A node whose ancestors loop is left out.
     *
     * @param all     every node of the tree
     * @param visible the nodes of the visible branch, root first (messages or not)
     * @param parent  a node's parent node, null at a root
     * @param message a node as a message, null when it is none
     * @return each with the index of its parent in the visible messages followed by these (-1: a root)
     */
    static <T> List<SourceConversation.Other> others(Collection<T> all, List<T> visible, UnaryOperator<T> parent,
                                                     Function<T, SourceMessage> message) {
        Map<T, Integer> index = new IdentityHashMap<>();
        Set<T> onBranch = Collections.newSetFromMap(new IdentityHashMap<>());
        onBranch.addAll(visible);
        for (T node : visible) {
            if (message.apply(node) != null) {
                index.put(node, index.size());
            }
        }
        Map<T, SourceMessage> pending = new java.util.LinkedHashMap<>();
        Map<T, T> answers = new IdentityHashMap<>();
        for (T node : all) {
            SourceMessage m = onBranch.contains(node) ? null : message.apply(node);
            if (m != null && !pending.containsKey(node)) {
                pending.put(node, m);
                answers.put(node, nearestMessage(node, parent, message));
            }
        }
        List<SourceConversation.Other> others = new ArrayList<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                T above = answers.get(entry.getKey());
                if (above == null || index.containsKey(above)) {
                    index.put(entry.getKey(), index.size());
                    others.add(new SourceConversation.Other(above == null ? -1 : index.get(above), entry.getValue()));
                    it.remove();
                    progress = true;
                }
            }
        }
        return others;
    }

    private static <T> T nearestMessage(T node, UnaryOperator<T> parent, Function<T, SourceMessage> message) {
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(node);
        for (T up = parent.apply(node); up != null && seen.add(up); up = parent.apply(up)) {
            if (message.apply(up) != null) {
                return up;
            }
        }
        return null;
    }
}
