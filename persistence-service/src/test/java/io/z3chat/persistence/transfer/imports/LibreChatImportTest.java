package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.Uploads.last;
import static io.z3chat.persistence.transfer.imports.Uploads.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibreChatImportTest {

    @Test
    void nestedExportIsReadInOrderWithTheConversationModelForReplies() {
        var upload = Uploads.fixture("librechat-librechat-export.json");
        var conversation = upload.conversation(0);

        assertEquals(ImportFormat.LIBRECHAT, upload.format());
        assertEquals(1, upload.items().size());
        assertEquals("af1ea676-f525-444f-a9ed-7c8dbf062733", conversation.sourceId());
        assertEquals("Conversation 1. Web Search", conversation.title());
        assertEquals(Instant.parse("2024-04-09T14:32:05.230Z"), conversation.createdAt());
        assertEquals(List.of("user", "assistant", "user", "assistant", "user", "assistant"), roles(conversation));
        assertTrue(conversation.messages().get(0).content().startsWith("What is the fuel consumption of vw"));
        assertEquals("Is it for fully loaded    car?", conversation.messages().get(4).content());
        // Every message's own model is null here: replies take options.model.
        assertEquals("gpt-3.5-turbo", last(conversation).model());
        assertNull(conversation.messages().get(0).model());
        assertEquals(Instant.parse("2024-04-09T14:32:05.266Z"), last(conversation).timestamp());
    }

    @Test
    void branchedTreeShowsTheNewestSiblingAtEachFork() {
        var tree = Uploads.fixture("librechat-librechat-tree.json").conversation(0);

        assertEquals("Troubleshooting Python Virtual Environment Activation Issue", tree.title());
        assertEquals(Instant.parse("2024-05-01T16:35:11.530Z"), tree.createdAt());
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(tree));
        assertTrue(tree.messages().get(0).content().startsWith("How do I use source venv/bin/activate?"));
        assertEquals("lol", tree.messages().get(2).content());
        assertTrue(last(tree).content().startsWith("It looks like you might have been amused"));
        assertTrue(tree.messages().stream().noneMatch(m -> m.content().equals("thanks")
                || m.content().equals("does coding make you happy")));
        // Most messages of this file carry no createdAt.
        assertNull(last(tree).timestamp());
        assertEquals("gpt-4-turbo", last(tree).model());
    }

    @Test
    void flatListWithTwoRootsShowsTheLastRootAndItsReply() {
        var original = Uploads.fixture("librechat-librechat-opts-nonr-branches.json").conversation(0);

        assertEquals("Original", original.title());
        // The conversation began with its earliest message, which is off the shown branch.
        assertEquals(Instant.parse("2024-05-28T18:08:55.014Z"), original.createdAt());
        assertEquals(List.of("user", "assistant"), roles(original));
        assertEquals("tell me a long long story", original.messages().get(0).content());
        assertEquals(Instant.parse("2024-05-28T18:14:08.403Z"), last(original).timestamp());
        assertEquals("gpt-4o", last(original).model());
    }

    @Test
    void linearExportWithNullRootParentAndNoOptionsIsRead() {
        var linear = Uploads.fixture("librechat-librechat-linear.json").conversation(0);

        assertEquals("Adventure Across Time and Space", linear.title());
        assertEquals(Instant.parse("2024-05-29T00:33:03.661Z"), linear.createdAt());
        assertEquals("tell me a long story", linear.messages().get(0).content());
        assertTrue(last(linear).content().startsWith("Of course! Here’s a detailed and engaging story"));
        assertEquals("gpt-4o", last(linear).model());
    }

    @Test
    void olderMessagesTreeKeyAndTextInContentPartsAreRead() {
        var conversation = Uploads.json("""
                {"conversationId": "lc", "title": "Parts", "recursive": true, "options": {"model": "gpt-4o"},
                 "messagesTree": [
                   {"messageId": "u", "parentMessageId": "00000000-0000-0000-0000-000000000000",
                    "isCreatedByUser": true, "text": "hello", "createdAt": "2025-02-01T10:00:00.000Z",
                    "children": [
                      {"messageId": "a", "isCreatedByUser": false, "text": "", "model": "claude-3",
                       "content": [{"type": "think", "think": "hmm"}, {"type": "text", "text": "Hi!"},
                                   {"type": "text", "text": {"value": "How can I help?"}}]}]}]}
                """).conversation(0);

        assertEquals("lc", conversation.sourceId());
        assertEquals(List.of("hello", "Hi!\n\nHow can I help?"),
                conversation.messages().stream().map(SourceMessage::content).toList());
        assertEquals("claude-3", last(conversation).model());
        assertEquals(Instant.parse("2025-02-01T10:00:00Z"), conversation.createdAt());
    }
}
