package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.Uploads.last;
import static io.z3chat.persistence.transfer.imports.Uploads.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenWebUiImportTest {

    @Test
    void exportListKeepsEmbeddedReasoningAndToolBlocksAsStored() {
        var upload = Uploads.fixture("openwebui-librechat-export.json");
        var conversations = upload.conversations();

        assertEquals(ImportFormat.OPENWEBUI, upload.format());
        assertEquals(List.of("Chat with reasoning", "Chat with tool call", "Simple linear chat"),
                conversations.stream().map(SourceConversation::title).toList());
        assertEquals(List.of(Instant.parse("2023-11-14T22:13:20Z"), Instant.parse("2023-11-14T22:30:00Z"),
                Instant.parse("2023-11-14T22:46:40Z")), conversations.stream().map(SourceConversation::createdAt).toList());
        assertEquals("reasoning-chat", conversations.get(0).sourceId());
        assertEquals("What is 15 * 17?", conversations.get(0).messages().get(0).content());
        assertTrue(last(conversations.get(0)).content().startsWith("<details type=\"reasoning\" done=\"true\""));
        assertTrue(last(conversations.get(0)).content().endsWith("</details>255"));
        assertTrue(last(conversations.get(1)).content().startsWith("<details type=\"tool_calls\">"));
        assertEquals("deepseek-r1", last(conversations.get(0)).model());
        assertEquals(List.of("Hello", "Hi there!"),
                conversations.get(2).messages().stream().map(SourceMessage::content).toList());
        assertEquals("llama3.1:latest", last(conversations.get(2)).model());
        assertEquals(Instant.parse("2023-11-14T22:46:45Z"), last(conversations.get(2)).timestamp());
    }

    @Test
    void bareChatTakesItsMillisecondTimestampAndKeepsDoubledApostrophes() {
        var upload = Uploads.fixture("openwebui-owuiimporter-webui-json.json");
        var chat = upload.conversation(0);

        assertEquals(ImportFormat.OPENWEBUI, upload.format());
        assertEquals(1, upload.items().size());
        assertNull(chat.sourceId()); // the bare chat's id is ""
        assertEquals("🧠 Goldwater Rule Ethics", chat.title());
        assertEquals(Instant.ofEpochMilli(1744577557127L), chat.createdAt());
        assertEquals(List.of("user", "assistant"), roles(chat));
        assertTrue(chat.messages().get(0).content().contains("can''t"));
        assertTrue(last(chat).content().startsWith("The principle you''re referring to"));
        assertEquals(Instant.parse("2025-04-13T20:52:37Z"), last(chat).timestamp());
        assertEquals("deepseek/deepseek-chat:free", last(chat).model());
        assertFalse(chat.pinned() || chat.archived());
    }

    @Test
    void currentIdPicksTheShownReplyWhenTwoShareAParentAndLinksAreOnlyParentIds() {
        var conversations = Uploads.fixture("openwebui-chatanalyzer-sample-chats.json").conversations();
        var sow = conversations.get(0);

        assertEquals(5, conversations.size());
        assertEquals("SOW Milestone Extraction", sow.title());
        assertEquals("chat-A01", sow.sourceId());
        assertEquals(Instant.parse("2025-10-09T13:48:11Z"), sow.createdAt());
        assertEquals(List.of("user", "assistant"), roles(sow));
        assertTrue(last(sow).content().startsWith("Here are the milestones I found:"));
        assertTrue(sow.messages().stream().noneMatch(m -> m.content().startsWith("Uploading the SOW")));
        for (var conversation : conversations) {
            assertEquals(List.of("user", "assistant"), roles(conversation));
            assertEquals(Instant.parse("2025-10-09T13:48:11Z"), conversation.createdAt());
        }
        assertEquals("🏖️ HR PTO Balance Redirect (dev room)", conversations.get(3).title());
        assertEquals("📅 PTO Balance Check", conversations.get(4).title());
        assertEquals("us.anthropic.claude-sonnet-4-20250514-v1:0", last(conversations.get(4)).model());
        assertTrue(conversations.get(1).pinned());
        assertFalse(conversations.get(0).pinned());
    }

    @Test
    void withoutACurrentMessageTheMessagesListIsTheBranch() {
        var chat = Uploads.json("""
                [{"id": "w", "title": "List", "created_at": 1700000000, "archived": true, "pinned": false,
                  "chat": {"history": {"currentId": "gone", "messages": {
                              "m1": {"id": "m1", "parentId": null, "role": "user", "content": "tree one"}}},
                           "messages": [{"id": "m1", "role": "user", "content": "from the list"},
                                        {"id": "m2", "role": "assistant", "content": "reply", "model": "m"}]}}]
                """).conversation(0);

        assertTrue(chat.archived());
        assertEquals(List.of("from the list", "reply"), chat.messages().stream().map(SourceMessage::content).toList());
    }

    @Test
    void withoutPointerOrListTheNewestLeafThatReachesARootIsShown() {
        var chat = Uploads.json("""
                [{"id": "w", "title": "Leaves", "chat": {"title": "inner", "history": {"messages": {
                    "r":  {"id": "r",  "parentId": null, "role": "user", "content": "root", "timestamp": 10},
                    "a":  {"id": "a",  "parentId": "r", "role": "assistant", "content": "old leaf", "timestamp": 20},
                    "b":  {"id": "b",  "parentId": "r", "role": "assistant", "content": "new leaf", "timestamp": 30},
                    "x":  {"id": "x",  "parentId": "lost", "role": "assistant", "content": "orphan", "timestamp": 99}}}}}]
                """).conversation(0);

        assertEquals("Leaves", chat.title());
        assertEquals(List.of("root", "new leaf"), chat.messages().stream().map(SourceMessage::content).toList());
        assertEquals(Instant.ofEpochSecond(30), last(chat).timestamp());
        assertNull(chat.createdAt());
    }
}
