package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Iterator;

/**
 * The z3chat export document, {@code {"format": "z3chat.export", "version": 1, ...}}: what
 * {@code GET /export} and the JSON export of one chat write, and what the import reads back.
 * {@code format} comes first, so a reader knows the format before the chats arrive.
 */
@JsonPropertyOrder({"format", "version", "exportedAt", "chats"})
public record Z3chatExport(String format, int version, Instant exportedAt,
        @Schema(type = SchemaType.ARRAY, implementation = ExportedChat.class) Iterator<ExportedChat> chats) {

    public static final String FORMAT = "z3chat.export";
    public static final int VERSION = 1;

    static Z3chatExport of(Instant exportedAt,
        @Schema(type = SchemaType.ARRAY, implementation = ExportedChat.class) Iterator<ExportedChat> chats) {
        return new Z3chatExport(FORMAT, VERSION, exportedAt, chats);
    }
}
