package io.z3chat.persistence.message;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a reply ended in error; the same shape on the wire and in the store. */
public record MessageError(@NotBlank @Size(max = 100) String code, @Size(max = 2000) String message) {
}
