package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.z3chat.persistence.transfer.imports.Uploads.last;
import static io.z3chat.persistence.transfer.imports.Uploads.roles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatbotUiImportTest {

    @Test
    void historyEntriesAreConversationsWithTheirModelAndNoTimes() {
        var upload = Uploads.fixture("chatbotui-librechat-export.json");
        var hello = upload.conversation(0);
        var cobol = upload.conversation(1);

        assertEquals(ImportFormat.CHATBOTUI, upload.format());
        assertEquals(2, upload.items().size());
        assertEquals("493cb218-9ebb-4d35-af8b-5aded3f351be", hello.sourceId());
        assertEquals("Hello what are you able to do?", hello.title());
        assertNull(hello.createdAt());
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(hello));
        assertEquals("Hello what are you able to do?", hello.messages().get(0).content());
        assertEquals("gpt-4-1106-preview", last(hello).model());
        assertNull(hello.messages().get(0).model());
        assertTrue(hello.messages().stream().allMatch(m -> m.timestamp() == null));

        assertEquals("Give me the code that inverts ...", cobol.title());
        assertEquals(List.of("user", "assistant"), roles(cobol));
        assertEquals("Give me the code that inverts binary tree in COBOL", cobol.messages().get(0).content());
        assertTrue(last(cobol).content().startsWith("COBOL is not a language that is commonly used"));
        assertEquals("gpt-3.5-turbo", last(cobol).model());
    }

    @Test
    void emptyHistoryIsAnExportOfNoConversations() {
        var upload = Uploads.json("{\"version\": 4, \"history\": [], \"folders\": [], \"prompts\": []}");

        assertEquals(ImportFormat.CHATBOTUI, upload.format());
        assertEquals(0, upload.items().size());
    }
}
