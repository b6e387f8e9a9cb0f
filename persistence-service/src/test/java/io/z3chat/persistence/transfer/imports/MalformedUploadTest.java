package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes a whole upload unusable, what costs one conversation only, and what is no file problem at all. */
class MalformedUploadTest {

    private static final String KNOWN = "not a chat export this app knows: expected a ChatGPT or Claude"
            + " conversations.json, a LibreChat, Open WebUI or Chatbot UI export, or a z3chat export; found ";

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t "})
    void emptyBodyIsRefused(String body) {
        assertEquals("the file is empty", refusal(body));
    }

    @Test
    void textThatIsNotJsonIsRefusedWithWhereItBreaks() {
        String message = refusal("not json");

        assertTrue(message.startsWith("not valid JSON at line 1, column "), message);
        assertTrue(message.contains("Unrecognized token 'not'"), message);
    }

    @Test
    void objectOfNoKnownFormatSaysWhatWasExpectedAndWhatWasFound() {
        assertEquals(KNOWN + "an object with the fields foo", refusal("{\"foo\": 1}"));
    }

    @Test
    void singleValueIsNoExport() {
        assertEquals(KNOWN + "a number instead of a list or an object", refusal("42"));
    }

    @Test
    void emptyListIsRefusedAsHoldingNoConversations() {
        assertEquals("the file holds no conversations: it is an empty list", refusal("[]"));
    }

    @Test
    void listOfJunkIsNoKnownFormat() {
        assertEquals(KNOWN + "a list whose first 3 entries are no conversations", refusal("[1, \"two\", null]"));
    }

    @Test
    void wrongShapedEntriesAreUnreadableAndTheGoodOneAfterThemIsRead() {
        var upload = Uploads.json("""
                [1, null, {"title": "Stringly", "mapping": "x"},
                 {"id": "ok", "title": "Good", "current_node": "u", "mapping": {
                   "u": {"id": "u", "parent": null, "children": [], "message": {"author": {"role": "user"},
                         "content": {"content_type": "text", "parts": ["still here"]}}}}}]
                """);

        assertEquals(ImportFormat.CHATGPT, upload.format());
        assertEquals(new UnreadableConversation(null, "not a conversation: the entry is a number"), upload.items().get(0));
        assertEquals(new UnreadableConversation(null, "not a conversation: the entry is null"), upload.items().get(1));
        assertEquals(new UnreadableConversation("Stringly",
                "the conversation has the wrong shape: `mapping` is a text, not an object"), upload.items().get(2));
        assertEquals("still here", upload.conversation(3).messages().get(0).content());
    }

    @Test
    void fileCutOffInTheSecondConversationFailsThereAfterTheFirstWasReturned() {
        String whole = new String(Uploads.fixtureBytes("chatgpt-librechat-export.json"), StandardCharsets.UTF_8);
        String cut = whole.substring(0, whole.indexOf("\"Conversation 2\"") + 2_000);
        long lastLine = cut.lines().count();

        try (var reader = ImportReader.open(Uploads.stream(cut), Uploads.MAPPER)) {
            var first = assertInstanceOf(SourceConversation.class, reader.next());
            var e = assertThrows(ImportFileException.class, reader::next);

            assertEquals(6, first.messages().size());
            assertTrue(e.getMessage().matches("not valid JSON at line " + lastLine + ", column \\d+: the file ends "
                    + "before the JSON is complete \\(cut off\\?\\)"), e.getMessage());
            assertSame(e, assertThrows(ImportFileException.class, reader::next));
            assertEquals(first.messages(), Uploads.fixture("chatgpt-librechat-export.json").conversation(0).messages());
        }
    }

    @Test
    void byteOrderMarkAtTheStartIsAccepted() {
        byte[] file = Uploads.fixtureBytes("chatgpt-librechat-tree.json");
        InputStream withBom = new SequenceInputStream(new ByteArrayInputStream(new byte[]{(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}), new ByteArrayInputStream(file));

        var upload = Uploads.read(withBom);

        assertEquals(ImportFormat.CHATGPT, upload.format());
        assertEquals(6, upload.conversation(0).messages().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{\"a\":", "[{\"chat_messages\": ["})
    void deeplyNestedJunkIsRefusedWithoutExhaustingTheReader(String level) {
        String message = refusal(level.repeat(100_000));

        assertTrue(message.startsWith("not valid JSON at line 1, column "), message);
        assertTrue(message.endsWith("nested too deeply or a value too long to be a chat export"), message);
    }

    @Test
    void contentAfterTheExportIsRefused() {
        assertTrue(refusal("{\"version\": 4, \"history\": []} {}").endsWith("more content after the end of the export"));

        try (var reader = ImportReader.open(Uploads.stream("[{\"mapping\": {}}] x"), Uploads.MAPPER)) {
            assertInstanceOf(SourceConversation.class, reader.next());
            assertTrue(assertThrows(ImportFileException.class, reader::next).getMessage()
                    .startsWith("not valid JSON at line 1, column "));
        }
    }

    @Test
    void bytesThatAreNotUtf8AreNotJson() {
        byte[] bytes = "[{\"title\": \"caf\u00e9\", \"mapping\": {}}]".getBytes(StandardCharsets.ISO_8859_1);

        var e = assertThrows(ImportFileException.class, () -> Uploads.read(new ByteArrayInputStream(bytes)));

        assertTrue(e.getMessage().startsWith("not valid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void repeatedKeysOfThirdPartyExportsAreToleratedDespiteTheStrictServiceMapper() {
        var conversation = Uploads.json("[{\"title\": \"first\", \"title\": \"second\", \"mapping\": {}}]").conversation(0);

        assertEquals("second", conversation.title());
    }

    @Test
    void failingStreamIsNotAFileProblem() {
        var broken = new IOException("connection reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw broken;
            }
        };

        var e = assertThrows(UncheckedIOException.class, () -> ImportReader.open(failing, Uploads.MAPPER));

        assertSame(broken, e.getCause());
    }

    @Test
    void streamFailingAfterTheFirstConversationPropagatesUnchanged() {
        var limit = new IOException("upload larger than allowed");
        byte[] start = ("{\"format\": \"z3chat.export\", \"version\": 1, \"chats\": [" + Z3chatImportTest.CHAT + ", "
                + Z3chatImportTest.CHAT.substring(0, 40)).getBytes(StandardCharsets.UTF_8);
        InputStream limited = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw limit;
            }
        });

        try (var reader = ImportReader.open(limited, Uploads.MAPPER)) {
            assertInstanceOf(SourceConversation.class, reader.next());
            var e = assertThrows(UncheckedIOException.class, reader::next);
            assertSame(limit, e.getCause());
        }
    }

    @Test
    void readerAfterTheLastConversationKeepsSayingEnd() {
        try (var reader = ImportReader.open(Uploads.stream("[{\"mapping\": {}}]"), Uploads.MAPPER)) {
            assertInstanceOf(SourceConversation.class, reader.next());
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    private static String refusal(String body) {
        return assertThrows(ImportFileException.class, () -> Uploads.json(body)).getMessage();
    }
}
