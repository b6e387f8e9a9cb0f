package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.Uploads.count;
import static io.z3chat.persistence.transfer.imports.Uploads.last;
import static io.z3chat.persistence.transfer.imports.Uploads.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatGptImportTest {

    private static final List<String> ALTERNATING = List.of("user", "assistant", "user", "assistant", "user", "assistant");

    @Test
    void browsingConversationKeepsOnlyTheChatTurnsNotSearchCallsOrToolOutput() {
        var upload = Uploads.fixture("chatgpt-librechat-export.json");
        var web = upload.conversation(0);

        assertEquals(ImportFormat.CHATGPT, upload.format());
        assertEquals("d6523d1e-7ec3-474f-a363-0e9dffdb3d93", web.sourceId());
        assertEquals("Conversation 1. Web Search", web.title());
        assertEquals(Instant.parse("2024-01-07T12:18:35Z"), web.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(ALTERNATING, roles(web));
        assertTrue(web.messages().get(0).content().startsWith("What is the fuel consumption of vw  transporter"));
        assertTrue(last(web).content().startsWith("The fuel consumption figures for the 2014 Volkswagen Transporter"));
        // Search calls are `code` content and browsing results are `tool` nodes: neither is a chat message.
        assertTrue(web.messages().stream().noneMatch(m -> m.content().startsWith("search(")
                || m.content().startsWith("mclick(")));
        assertEquals(3, web.messages().stream().filter(m -> m.content().contains("【")).count());
        assertEquals("gpt-4", web.messages().get(1).model());
        assertNull(web.messages().get(0).model());
        assertFalse(web.pinned() || web.archived());
    }

    @Test
    void secondConversationOfTheExportIsReadToo() {
        var second = Uploads.fixture("chatgpt-librechat-export.json").conversation(1);

        assertEquals("Conversation 2", second.title());
        assertEquals(Instant.parse("2023-10-15T12:31:37Z"), second.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(second));
        assertEquals("give me code in C#", second.messages().get(2).content());
        assertEquals("text-davinci-002-render-sha", last(second).model());
    }

    @Test
    void editedAndRegeneratedTurnsShowOnlyThePathToCurrentNode() {
        var tree = Uploads.fixture("chatgpt-librechat-tree.json").conversation(0);

        assertEquals("Assist user with summary", tree.title());
        assertEquals(Instant.parse("2024-05-01T17:37:11Z"), tree.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(ALTERNATING, roles(tree));
        assertEquals(List.of("hi there", "hi again", "tell me a joke"),
                tree.messages().stream().filter(m -> m.role().equals("user")).map(SourceMessage::content).toList());
        assertTrue(tree.messages().stream().noneMatch(m -> m.content().equals("so cool bro")
                || m.content().startsWith("Sure! Here's a short story")));
        // Both jokes have the same text; the second one (current_node) is the one shown.
        assertTrue(last(tree).content().startsWith("Sure, here's one for you:"));
        assertEquals(Instant.parse("2024-05-01T17:37:40.598792Z"), last(tree).timestamp());
        assertEquals(Instant.parse("2024-05-01T17:37:11.150442Z"), tree.messages().get(0).timestamp());
    }

    @Test
    void fragmentWithoutItsCurrentNodeIsWalkedFromItsRootAlongTheLastChild() {
        var upload = Uploads.fixture("chatgpt-librechat-citations.json");
        var fragment = upload.conversation(0);

        assertEquals(1, upload.conversations().size());
        assertEquals("Citation Convo", fragment.title());
        assertEquals(Instant.parse("2024-01-07T12:18:35Z"), fragment.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(List.of("assistant"), roles(fragment));
        assertTrue(fragment.messages().get(0).content().startsWith("Signal Sciences is a web application security"));
        assertEquals("gpt-4", fragment.messages().get(0).model());
    }

    @Test
    void modernExportSkipsCustomInstructionsAndKeepsAnEntryWithoutMapping() {
        var upload = Uploads.fixture("chatgpt-librechat-modern-export.json");
        var deploy = upload.conversation(0);
        var corrupted = upload.conversation(1);
        var pasta = upload.conversation(2);

        assertEquals("Deploying the staging cluster", deploy.title());
        assertEquals(Instant.parse("2025-08-24T01:46:40Z"), deploy.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(deploy));
        assertEquals("How do I roll back the deploy?", deploy.messages().get(0).content());
        // A reply without model_slug was made by the conversation's default model.
        assertEquals("gpt-5-thinking", deploy.messages().get(1).model());
        assertEquals("o4-mini", deploy.messages().get(3).model());

        assertEquals("Corrupted entry", corrupted.title());
        assertEquals(Instant.parse("2025-08-24T01:55:00Z"), corrupted.createdAt());
        assertEquals(0, corrupted.messages().size());

        assertEquals("Weeknight pasta", pasta.title());
        assertEquals(Instant.parse("2025-08-24T02:03:20Z"), pasta.createdAt());
        assertEquals(List.of("Something with anchovies?", "Puttanesca."),
                pasta.messages().stream().map(SourceMessage::content).toList());
        assertEquals("gpt-5", last(pasta).model());
    }

    @Test
    void hiddenSystemAndContextNodesOnTheBranchAreNotMessages() {
        var photosynthesis = Uploads.fixture("chatgpt-owuiimporter-gpt-example.json").conversation(0);

        assertEquals("How photosynthesis works", photosynthesis.title());
        assertEquals(Instant.parse("2025-06-21T20:24:42Z"),
                photosynthesis.createdAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(10, photosynthesis.messages().size());
        assertEquals(5, count(photosynthesis, "user"));
        assertEquals(5, count(photosynthesis, "assistant"));
        assertEquals("Can you explain how photosynthesis works in simple terms?",
                photosynthesis.messages().get(0).content());
        assertEquals("What about forests?", photosynthesis.messages().get(8).content());
        assertEquals("gpt-4o", last(photosynthesis).model());
    }

    @Test
    void textPartsAreJoinedAndImagePartsLeftOut() {
        var conversation = Uploads.json("""
                [{"id": "c1", "title": "Picture", "create_time": 1700000000.5, "current_node": "a",
                  "mapping": {
                    "root": {"id": "root", "message": null, "parent": null, "children": ["u"]},
                    "u": {"id": "u", "parent": "root", "children": ["a"], "message": {"author": {"role": "user"},
                          "content": {"content_type": "multimodal_text",
                                      "parts": [{"content_type": "image_asset_pointer"}, "what is this?", "and this?"]}}},
                    "a": {"id": "a", "parent": "u", "children": [], "message": {"author": {"role": "assistant"},
                          "create_time": null, "content": {"content_type": "text", "parts": ["A cat."]}}}}}]
                """).conversation(0);

        assertEquals(Instant.parse("2023-11-14T22:13:20.500Z"), conversation.createdAt());
        assertEquals("what is this?\nand this?", conversation.messages().get(0).content());
        assertEquals("A cat.", conversation.messages().get(1).content());
        assertNull(conversation.messages().get(1).timestamp());
        assertNull(conversation.messages().get(1).model());
    }

    @Test
    void withoutCurrentNodeTheNewestChildIsFollowed() {
        var conversation = Uploads.json("""
                [{"conversation_id": "c2", "mapping": {
                    "r": {"message": null, "children": ["u"]},
                    "u": {"parent": "r", "children": ["a1", "a2"], "message": {"author": {"role": "user"},
                          "content": {"parts": ["hi"]}}},
                    "a1": {"parent": "u", "children": [], "message": {"author": {"role": "assistant"},
                          "content": {"parts": ["first try"]}}},
                    "a2": {"parent": "u", "children": [], "message": {"author": {"role": "assistant"},
                          "content": {"parts": ["second try"]}}}}}]
                """).conversation(0);

        assertEquals("c2", conversation.sourceId());
        assertNull(conversation.title());
        assertEquals(List.of("hi", "second try"), conversation.messages().stream().map(SourceMessage::content).toList());
    }
}
