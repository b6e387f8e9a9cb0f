package io.z3chat.persistence.transfer;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.imports")
public interface ImportsConfig {

    /** The largest import file accepted (env IMPORT_MAX_BYTES); larger is a 413. */
    @WithDefault("50M")
    MemorySize maxBytes();
}
