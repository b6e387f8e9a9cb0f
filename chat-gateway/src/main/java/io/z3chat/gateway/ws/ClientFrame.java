package io.z3chat.gateway.ws;

import io.z3chat.gateway.chat.CancelGeneration;
import io.z3chat.gateway.chat.RegenerateReply;
import io.z3chat.gateway.chat.ResumeReply;
import io.z3chat.gateway.chat.SendMessage;

/** What a browser sends on {@code /ws/chat} (SPEC section 4): a frame's {@code type} and what the chat flow gets. */
public sealed interface ClientFrame {

    /** {@code type: send}. */
    record Send(SendMessage send) implements ClientFrame {
    }

    /** {@code type: regenerate}: a new version of a reply. */
    record Regenerate(RegenerateReply regenerate) implements ClientFrame {
    }

    /** {@code type: cancel}. */
    record Cancel(CancelGeneration cancel) implements ClientFrame {
    }

    /** {@code type: resume}. */
    record Resume(ResumeReply resume) implements ClientFrame {
    }
}
