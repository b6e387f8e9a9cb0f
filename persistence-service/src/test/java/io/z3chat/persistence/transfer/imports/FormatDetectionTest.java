package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The format comes from what the file holds, whatever the order of its fields or the junk before it. */
class FormatDetectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ChatGPT list                          | chatgpt   | [{"title": "t", "mapping": {}}]
            ChatGPT list led by junk              | chatgpt   | [null, 3, {"x": 1}, {"current_node": "n", "mapping": {}}]
            one ChatGPT conversation              | chatgpt   | {"title": "t", "current_node": null, "mapping": {}}
            Claude list                           | claude    | [{"uuid": "u", "name": "n", "chat_messages": []}]
            one Claude conversation               | claude    | {"uuid": "u", "chat_messages": [], "current_leaf_message_uuid": null}
            LibreChat, conversationId last        | librechat | {"messages": [], "title": "t", "conversationId": "c"}
            LibreChat, older messagesTree         | librechat | {"conversationId": "c", "messagesTree": []}
            Open WebUI export list                | openwebui | [{"id": "i", "title": "t", "chat": {"history": {"messages": {}}}}]
            Open WebUI export entry on its own    | openwebui | {"id": "i", "chat": {"messages": []}}
            bare Open WebUI chat                  | openwebui | {"id": "", "history": {"messages": {}, "currentId": null}, "models": ["m"]}
            list of bare Open WebUI chats         | openwebui | [{"title": "t", "history": {"messages": {}}, "messages": []}]
            Chatbot UI                            | chatbotui | {"version": 4, "history": [], "folders": [], "prompts": []}
            Chatbot UI, history first             | chatbotui | {"history": [{"id": "x", "messages": []}], "version": 1}
            z3chat                                | z3chat    | {"format": "z3chat.export", "version": 1, "chats": []}
            z3chat, chats first                   | z3chat    | {"chats": [], "format": "z3chat.export"}
            """)
    void formatIsToldFromTheContent(String shape, String format, String json) {
        var upload = Uploads.json(json);

        assertEquals(format, upload.format().id());
        if (!upload.items().isEmpty()) {
            assertInstanceOf(SourceConversation.class, upload.items().get(upload.items().size() - 1));
        }
    }
}
