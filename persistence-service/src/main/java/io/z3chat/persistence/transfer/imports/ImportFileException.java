package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * The whole upload is unusable: not JSON, JSON of no known format, or JSON that breaks off or is malformed
 * part-way. The message is meant for the user who uploaded the file.
 */
public class ImportFileException extends RuntimeException {

    static final String KNOWN_FORMATS = "expected a ChatGPT or Claude conversations.json, a LibreChat, Open WebUI"
            + " or Chatbot UI export, or a z3chat export";

    public ImportFileException(String message) {
        super(message);
    }

    private ImportFileException(String message, Throwable cause) {
        super(message, cause);
    }

    static ImportFileException unknownFormat(String found) {
        return new ImportFileException("not a chat export this app knows: " + KNOWN_FORMATS + "; found " + found);
    }

    static ImportFileException notJson(JsonProcessingException e, JsonLocation where) {
        String what;
        if (e instanceof JsonEOFException) {
            what = "the file ends before the JSON is complete (cut off?)";
        } else if (e instanceof StreamConstraintsException) {
            what = "nested too deeply or a value too long to be a chat export";
        } else {
            what = plain(e.getOriginalMessage());
        }
        return new ImportFileException("not valid JSON" + at(where) + ": " + what, e);
    }

    static ImportFileException trailingContent(JsonLocation where) {
        return new ImportFileException("not valid JSON" + at(where) + ": more content after the end of the export");
    }

    private static String at(JsonLocation where) {
        if (where == null || where.getLineNr() < 1) {
            return "";
        }
        return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** Jackson's wording, without the parser internals (source descriptions) it appends for developers. */
    private static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        String text = message.split("\n", 2)[0];
        int marker = text.indexOf(" (start marker at");
        if (marker > 0) {
            text = text.substring(0, marker);
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
