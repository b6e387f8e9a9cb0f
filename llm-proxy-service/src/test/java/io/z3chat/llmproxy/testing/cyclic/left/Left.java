package io.z3chat.llmproxy.testing.cyclic.left;

import io.z3chat.llmproxy.testing.cyclic.right.Right;

/** Half of a deliberate package cycle: proves the cycle check fails on one. */
public class Left {
    Right right;
}
