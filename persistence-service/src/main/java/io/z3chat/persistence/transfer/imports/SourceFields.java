package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads fields of third-party exports tolerantly: exports differ between app versions, so a value of the wrong
 * type counts as absent, except a container the conversation's structure hangs on, which makes it unreadable.
 */
final class SourceFields {

    private SourceFields() {
    }

    /** The field's text, or null when it is absent or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** True only for a JSON {@code true}. */
    static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** The object under the field, null when absent or null; any other value is a wrong shape. */
    static JsonNode object(JsonNode node, String field) {
        return container(node, field, true);
    }

    /** The array under the field, null when absent or null; any other value is a wrong shape. */
    static JsonNode list(JsonNode node, String field) {
        return container(node, field, false);
    }

    static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }

    static String firstText(String first, String second) {
        return first != null ? first : second;
    }

    /** How a value that should have been something else is named to the user. */
    static String kind(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isTextual()) {
            return "a text";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        return value.isArray() ? "a list" : "an object";
    }

    private static JsonNode container(JsonNode node, String field, boolean object) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (object ? value.isObject() : value.isArray()) {
            return value;
        }
        throw new WrongShape("`" + field + "` is " + kind(value) + ", not " + (object ? "an object" : "a list"));
    }
}
