package io.z3chat.persistence.transfer.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
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
}
