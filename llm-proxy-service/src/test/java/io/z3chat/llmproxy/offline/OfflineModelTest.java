package io.z3chat.llmproxy.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.z3chat.llmproxy.openrouter.ChatMessage;

class OfflineModelTest {

    @Test
    void tokensJoinBackToTheReplyAndTheReplyHasAFencedCodeBlock() {
        String reply = OfflineModel.reply(List.of(new ChatMessage("user", "first"),
                new ChatMessage("assistant", "answer"), new ChatMessage("user", "What is a *monad* really?")));
        assertTrue(reply.contains("You wrote: *What is a monad really?*"), reply);
        assertTrue(reply.contains("```python\n") && reply.indexOf("```", reply.indexOf("```python") + 3) > 0);
        assertEquals(reply, String.join("", OfflineModel.tokens(reply)));
    }
}
