package io.z3chat.persistence.transfer.imports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The summary table of the fixture facts: every real export file, its format, conversations, visible messages and
 * the messages of its other branches.
 */
class FixtureSummaryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "chatbotui-librechat-export.json,                  chatbotui, 2,  6, 0",
            "chatgpt-librechat-citations.json,                 chatgpt,   1,  1, 0",
            "chatgpt-librechat-export.json,                    chatgpt,   2,  10, 0",
            "chatgpt-librechat-modern-export.json,             chatgpt,   3,  6, 0",
            "chatgpt-librechat-tree.json,                      chatgpt,   1,  6, 5",
            "chatgpt-owuiimporter-gpt-example.json,            chatgpt,   1,  10, 0",
            "claude-chatlore-conversations.json,               claude,    3,  5, 1",
            "claude-osteele-claude-bakery-chat.json,           claude,    1,  4, 0",
            "claude-osteele-conversations.json,                claude,    2,  6, 0",
            "claude-owuiimporter-claude-example.json,          claude,    85, 10, 0",
            "claude-owuiimporter-claude-thinking-example.json, claude,    1,  2, 0",
            "librechat-librechat-export.json,                  librechat, 1,  6, 0",
            "librechat-librechat-linear.json,                  librechat, 1,  2, 0",
            "librechat-librechat-opts-nonr-branches.json,      librechat, 1,  2, 3",
            "librechat-librechat-tree.json,                    librechat, 1,  4, 5",
            "openwebui-chatanalyzer-sample-chats.json,         openwebui, 5,  10, 1",
            "openwebui-librechat-export.json,                  openwebui, 3,  6, 0",
            "openwebui-owuiimporter-webui-json.json,           openwebui, 1,  2, 0",
    })
    void everyFixtureIsDetectedAndReadWithItsVisibleBranchAndItsOtherVersions(String file, String format,
                                                                              int conversations, int visible, int other) {
        var upload = Uploads.fixture(file);

        assertEquals(format, upload.format().id());
        assertEquals(conversations, upload.conversations().size());
        assertEquals(visible, upload.conversations().stream().mapToInt(c -> c.messages().size()).sum());
        assertEquals(other, upload.conversations().stream().mapToInt(c -> c.others().size()).sum());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "chatbotui-librechat-export.json", "chatgpt-librechat-export.json", "claude-chatlore-conversations.json",
            "claude-osteele-claude-bakery-chat.json", "librechat-librechat-tree.json",
            "openwebui-chatanalyzer-sample-chats.json", "openwebui-owuiimporter-webui-json.json",
    })
    void noFixtureYieldsABlankMessageOrAnUnknownRole(String file) {
        for (var conversation : Uploads.fixture(file).conversations()) {
            for (var message : conversation.messages()) {
                assertEquals(false, message.content().isBlank());
                assertEquals(true, message.role().equals("user") || message.role().equals("assistant"));
                assertEquals(null, message.status());
            }
        }
    }
}
