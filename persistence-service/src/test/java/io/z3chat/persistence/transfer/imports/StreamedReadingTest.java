package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An upload is read conversation by conversation, never whole. */
class StreamedReadingTest {

    private static final int CHATS = 2_000;

    @Test
    void ownExportIsReadChatByChat() {
        String json = "{\"format\": \"z3chat.export\", \"version\": 1, \"exportedAt\": \"2026-11-29T03:00:00.000Z\","
                + " \"chats\": [" + many(i -> Z3chatImportTest.CHAT.replace("V1StGXR8_Z5jdHi6B-myT", "chat-" + i)) + "]}";

        assertFirstConversationNeedsOnlyTheStartOfTheFile(json, ImportFormat.Z3CHAT, "chat-");
    }

    @Test
    void chatGptListIsReadConversationByConversation() {
        String json = "[" + many(i -> """
                {"id": "conv-%d", "title": "Conversation %d", "create_time": 1700000000.25, "current_node": "a",
                 "mapping": {"r": {"id": "r", "message": null, "parent": null, "children": ["u"]},
                   "u": {"id": "u", "parent": "r", "children": ["a"], "message": {"author": {"role": "user"},
                         "content": {"content_type": "text", "parts": ["question %d"]}}},
                   "a": {"id": "a", "parent": "u", "children": [], "message": {"author": {"role": "assistant"},
                         "content": {"content_type": "text", "parts": ["answer %d"]}}}}}""".formatted(i, i, i, i)) + "]";

        assertFirstConversationNeedsOnlyTheStartOfTheFile(json, ImportFormat.CHATGPT, "conv-");
    }

    @Test
    void closingTheReaderLeavesTheStreamToItsOwner() throws IOException {
        InputStream in = Uploads.stream("[{\"mapping\": {}}]");
        var closed = new boolean[1];
        InputStream owned = new FilterInputStream(in) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ImportReader.open(owned, Uploads.MAPPER).close();

        assertEquals(false, closed[0]);
        owned.close();
        assertTrue(closed[0]);
    }

    private static void assertFirstConversationNeedsOnlyTheStartOfTheFile(String json, ImportFormat format,
                                                                       String idPrefix) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        var in = new CountingStream(new ByteArrayInputStream(bytes));
        try (var reader = ImportReader.open(in, Uploads.MAPPER)) {
            var first = assertInstanceOf(SourceConversation.class, reader.next());
            long consumed = in.count;

            assertEquals(format, reader.format());
            assertEquals(idPrefix + 0, first.sourceId());
            assertEquals(2, first.messages().size());
            assertTrue(consumed < bytes.length / 20,
                    "read " + consumed + " of " + bytes.length + " bytes for the first conversation");

            ImportItem item = first;
            for (int i = 1; i < CHATS; i++) {
                item = reader.next();
            }
            assertEquals(idPrefix + (CHATS - 1), assertInstanceOf(SourceConversation.class, item).sourceId());
            assertEquals(null, reader.next());
            assertEquals(CHATS, reader.conversationsRead());
            assertEquals(bytes.length, in.count);
        }
    }

    private static String many(IntFunction<String> chat) {
        var all = new StringBuilder();
        for (int i = 0; i < CHATS; i++) {
            all.append(i == 0 ? "" : ",\n").append(chat.apply(i));
        }
        return all.toString();
    }

    /** Counts the bytes the parser has taken from the stream. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
