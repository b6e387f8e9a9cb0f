package io.z3chat.persistence.transfer.imports;

import io.z3chat.persistence.message.MessageError;
import io.z3chat.persistence.message.Timing;
import io.z3chat.persistence.message.Usage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Z3chatImportTest {

    static final String CHAT = """
            {"id": "V1StGXR8_Z5jdHi6B-myT", "title": "Rust lifetimes", "titleSource": "user",
             "createdAt": "2026-11-01T10:00:00.000Z", "updatedAt": "2026-11-02T10:00:00.000Z",
             "model": "openai/gpt-4o", "pinned": true, "archived": false, "messageCount": 2,
             "messages": [
               {"id": "abcdefgh12345678", "role": "user", "content": "hi", "timestamp": "2026-11-01T10:00:00.000Z",
                "status": "complete"},
               {"id": "bcdefgh123456789", "role": "assistant", "content": "hello",
                "timestamp": "2026-11-01T10:00:01.250Z", "status": "complete",
                "model": "openai/gpt-4o", "provider": "OpenAI",
                "usage": {"promptTokens": 3, "completionTokens": 2, "totalTokens": 5, "cost": 0.0001},
                "timing": {"ttftMs": 300, "durationMs": 900, "tokensPerSecond": 20.5}}
             ]}""";

    static final String SAMPLE = """
            {"format": "z3chat.export", "version": 1, "exportedAt": "2026-11-29T03:00:00.000Z",
             "chats": [%s]}""".formatted(CHAT);

    @Test
    void ownExportReadsBackEverythingItCarries() {
        var upload = Uploads.json(SAMPLE);
        var chat = upload.conversation(0);

        assertEquals(ImportFormat.Z3CHAT, upload.format());
        assertEquals(1, upload.items().size());
        assertEquals(new SourceConversation("V1StGXR8_Z5jdHi6B-myT", "Rust lifetimes",
                Instant.parse("2026-11-01T10:00:00Z"), true, false, List.of(
                new SourceMessage("user", "hi", Instant.parse("2026-11-01T10:00:00Z"), null, "complete", null, null,
                        null, null),
                new SourceMessage("assistant", "hello", Instant.parse("2026-11-01T10:00:01.250Z"), "openai/gpt-4o",
                        "complete", "OpenAI", new Usage(3L, 2L, 5L, 0.0001), new Timing(300L, 900L, 20.5), null)),
                "user"), chat);
    }

    @Test
    void newerExportVersionIsRefused() {
        var e = assertThrows(ImportFileException.class,
                () -> Uploads.json(SAMPLE.replace("\"version\": 1", "\"version\": 2")));

        assertEquals("z3chat export version 2 is newer than this app reads", e.getMessage());
    }

    @Test
    void versionAfterTheChatsIsCheckedWhenReachedAndTheChatsBeforeStayValid() {
        String json = "{\"format\": \"z3chat.export\", \"chats\": [" + CHAT + "], \"version\": 2}";
        try (var reader = ImportReader.open(Uploads.stream(json), Uploads.MAPPER)) {
            assertInstanceOf(SourceConversation.class, reader.next());
            var e = assertThrows(ImportFileException.class, reader::next);
            assertTrue(e.getMessage().contains("version 2 is newer"));
        }
    }

    @Test
    void chatsBeforeFormatAreBufferedAndReadTheSame() {
        String json = "{\"chats\": [" + CHAT + "], \"exportedAt\": \"2026-11-29T03:00:00.000Z\","
                + " \"version\": 1, \"format\": \"z3chat.export\"}";
        var upload = Uploads.json(json);

        assertEquals(ImportFormat.Z3CHAT, upload.format());
        assertEquals(Uploads.json(SAMPLE).items(), upload.items());
    }

    @Test
    void streamingReplyBecomesInterruptedAndSystemErrorAndUnknownFieldsAreHandled() {
        var chat = Uploads.json("""
                {"format": "z3chat.export", "version": 1, "futureField": {"x": [1, 2]}, "chats": [
                  {"id": "c", "title": "", "createdAt": "2026-11-01T10:00:00.000Z", "color": "red", "messages": [
                    {"role": "system", "content": "Be brief.", "status": "complete"},
                    {"role": "user", "content": "  ", "status": "complete"},
                    {"role": "assistant", "content": "cut", "status": "streaming", "reactions": ["+1"]},
                    {"role": "assistant", "content": "failed halfway", "status": "error",
                     "error": {"code": "upstream_error", "message": "provider down"}},
                    {"role": "assistant", "content": "what", "status": "pondering",
                     "usage": {"promptTokens": -1, "completionTokens": 2.5, "totalTokens": "7"}},
                    {"role": "tool", "content": "not a chat message"}]}]}
                """).conversation(0);

        assertEquals("", chat.title());
        assertFalse(chat.pinned());
        assertEquals(List.of("system", "user", "assistant", "assistant", "assistant"), Uploads.roles(chat));
        assertEquals("  ", chat.messages().get(1).content(), "our own export keeps every message, blank ones too");
        assertEquals("interrupted", chat.messages().get(2).status());
        assertEquals(new MessageError("upstream_error", "provider down"), chat.messages().get(3).error());
        assertEquals("error", chat.messages().get(3).status());
        assertNull(chat.messages().get(4).status());
        assertEquals(new Usage(null, null, null, null), chat.messages().get(4).usage());
        assertNull(chat.messages().get(0).timestamp());
    }

    @Test
    void exportWithoutChatsHoldsNoConversations() {
        var upload = Uploads.json("{\"format\": \"z3chat.export\", \"version\": 1, \"chats\": []}");

        assertEquals(ImportFormat.Z3CHAT, upload.format());
        assertEquals(List.of(), upload.items());
    }

    @Test
    void chatsThatAreNotAListMakeTheFileUnusable() {
        var e = assertThrows(ImportFileException.class,
                () -> Uploads.json("{\"format\": \"z3chat.export\", \"version\": 1, \"chats\": \"all\"}"));

        assertEquals("the export's `chats` is a text, not a list", e.getMessage());
    }

    @Test
    void chatWhoseMessagesAreNotAListIsUnreadableAndTheNextIsRead() {
        var upload = Uploads.json("{\"format\": \"z3chat.export\", \"version\": 1, \"chats\": ["
                + "{\"id\": \"bad\", \"title\": \"Broken\", \"messages\": {\"0\": {}}}, " + CHAT + "]}");
        var unreadable = assertInstanceOf(UnreadableConversation.class, upload.items().get(0));

        assertEquals("Broken", unreadable.title());
        assertEquals("the conversation has the wrong shape: `messages` is an object, not a list", unreadable.reason());
        assertNotNull(upload.conversation(1));
    }
}
