package io.z3chat.persistence.testing.cyclic.right;

import io.z3chat.persistence.testing.cyclic.left.Left;

/** The other half of the deliberate cycle of {@link Left}. */
public class Right {
    Left left;
}
