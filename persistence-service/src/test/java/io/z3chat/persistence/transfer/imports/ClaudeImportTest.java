package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.Uploads.count;
import static io.z3chat.persistence.transfer.imports.Uploads.last;
import static io.z3chat.persistence.transfer.imports.Uploads.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaudeImportTest {

    @Test
    void bulkExportWithBlankedTextGivesEmptyConversationsAndOneFullOne() {
        var upload = Uploads.fixture("claude-owuiimporter-claude-example.json");
        var conversations = upload.conversations();
        var photosynthesis = conversations.get(84);

        assertEquals(ImportFormat.CLAUDE, upload.format());
        assertEquals(85, conversations.size());
        assertEquals(84, conversations.stream().filter(c -> c.messages().isEmpty()).count());
        assertEquals(84, conversations.stream().filter(c -> "".equals(c.title())).count());
        assertEquals(0, conversations.get(11).messages().size());
        assertEquals(0, conversations.get(12).messages().size());

        assertEquals("How Photosynthesis Works", photosynthesis.title());
        assertEquals("76a904ac-7838-4a01-9e91-020411c40566", photosynthesis.sourceId());
        assertEquals(Instant.parse("2025-06-21T20:48:38.467685Z"), photosynthesis.createdAt());
        assertEquals(5, count(photosynthesis, "user"));
        assertEquals(5, count(photosynthesis, "assistant"));
        assertEquals("Can you explain how photosynthesis works in simple terms?",
                photosynthesis.messages().get(0).content());
        assertEquals(Instant.parse("2025-06-21T20:48:39.029572Z"), photosynthesis.messages().get(0).timestamp());
        // Claude's replies begin with a space; it is the stored text and stays.
        assertTrue(photosynthesis.messages().stream().filter(m -> m.role().equals("assistant"))
                .allMatch(m -> m.content().startsWith(" ")));
        assertTrue(photosynthesis.messages().get(1).content().startsWith(" Photosynthesis is how plants"));
        assertNull(photosynthesis.messages().get(1).model());
    }

    @Test
    void singleConversationObjectIsReadAlongItsParentLinks() {
        var upload = Uploads.fixture("claude-osteele-claude-bakery-chat.json");
        var bakery = upload.conversation(0);

        assertEquals(ImportFormat.CLAUDE, upload.format());
        assertEquals(1, upload.items().size());
        assertEquals("8006a434-8b0b-43df-8e6d-c0a7aeb2e6b3", bakery.sourceId());
        assertEquals("Interactive Bakery Comparison Visualization", bakery.title());
        assertEquals(Instant.parse("2024-10-29T15:59:18.774635Z"), bakery.createdAt());
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(bakery));
        // The flat `text` is empty in this file: the content blocks hold the words.
        assertTrue(bakery.messages().get(0).content().startsWith("Make an interactive visualization"));
        assertEquals("What are your ideas for extending this?", bakery.messages().get(2).content());
        assertTrue(last(bakery).content().startsWith(" I'll suggest several"));
        assertTrue(bakery.messages().get(1).content().contains("<antThinking>"));
        assertEquals("claude-3-5-sonnet-20240620", bakery.messages().get(1).model());
        assertNull(bakery.messages().get(0).model());
        assertEquals(Instant.parse("2024-10-29T16:02:16.623589Z"), last(bakery).timestamp());
    }

    @Test
    void handWrittenBulkExportHasTwoLinearConversations() {
        var conversations = Uploads.fixture("claude-osteele-conversations.json").conversations();

        assertEquals("Test Conversation 1", conversations.get(0).title());
        assertEquals(Instant.parse("2024-12-01T10:00:00Z"), conversations.get(0).createdAt());
        assertEquals(List.of("Hello, Claude!", "Hello! How can I help you today?"),
                conversations.get(0).messages().stream().map(SourceMessage::content).toList());
        assertEquals("Test Conversation 2", conversations.get(1).title());
        assertEquals(Instant.parse("2024-12-02T14:00:00Z"), conversations.get(1).createdAt());
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(conversations.get(1)));
    }

    @Test
    void retriedReplyOnTheBranchToTheLastMessageIsShownNotTheFirstTry() {
        var rust = Uploads.fixture("claude-chatlore-conversations.json").conversation(0);

        assertEquals("Rust lifetimes", rust.title());
        assertEquals(Instant.parse("2026-02-01T09:00:00Z"), rust.createdAt());
        assertEquals(List.of("user", "assistant", "user"), roles(rust));
        assertEquals("Why does this not compile?", rust.messages().get(0).content());
        assertTrue(rust.messages().get(1).content().startsWith("Retried answer: move"));
        assertTrue(rust.messages().stream().noneMatch(m -> m.content().contains("does not live long enough")));
        assertEquals("That worked, thanks.", last(rust).content());
    }

    @Test
    void oldStyleFlatTextIsReadAndAWhitespaceReplyAndAnEmptyRecordAreNot() {
        var conversations = Uploads.fixture("claude-chatlore-conversations.json").conversations();
        var old = conversations.get(1);
        var broken = conversations.get(2);

        assertEquals("Old style export", old.title());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), old.createdAt());
        assertEquals(List.of("Give me a name for a cat.", "Biscuit."),
                old.messages().stream().map(SourceMessage::content).toList());
        assertEquals("Broken record", broken.title());
        assertNull(broken.createdAt());
        assertEquals(0, broken.messages().size());
    }

    @Test
    void thinkingBlocksAreNotPartOfTheReply() {
        var demo = Uploads.fixture("claude-owuiimporter-claude-thinking-example.json").conversation(0);

        assertEquals("Thinking Demo", demo.title());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), demo.createdAt());
        assertEquals("Can you greet me?", demo.messages().get(0).content());
        assertEquals("Hello there! It's great to hear from you.", demo.messages().get(1).content());
    }

    @Test
    void currentLeafChoosesTheBranchAndNullEntriesAreSkipped() {
        var conversation = Uploads.json("""
                [{"uuid": "c", "name": "Pick", "created_at": "2025-01-01T10:00:00+02:00",
                  "current_leaf_message_uuid": "a1",
                  "chat_messages": [
                    null,
                    {"uuid": "u", "parent_message_uuid": "00000000-0000-4000-8000-000000000000", "sender": "human",
                     "text": "", "content": [{"type": "text", "text": "part one"}, {"type": "tool_use", "name": "x"},
                                             {"type": "text", "text": "part two"}]},
                    {"uuid": "a1", "parent_message_uuid": "u", "sender": "assistant", "text": "chosen"},
                    {"uuid": "a2", "parent_message_uuid": "u", "sender": "assistant", "text": "newer, not chosen"}]}]
                """).conversation(0);

        assertEquals(Instant.parse("2025-01-01T08:00:00Z"), conversation.createdAt());
        assertEquals(List.of("part one\n\npart two", "chosen"),
                conversation.messages().stream().map(SourceMessage::content).toList());
    }
}
