package io.z3chat.persistence.testing;

import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/** The test-only key pairs under src/test/resources/jwt. */
public final class TestKeys {

    private TestKeys() {
    }

    public static String pem(String resource) {
        try (var in = TestKeys.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PrivateKey privateKey(String resource) {
        try {
            return KeyUtils.decodePrivateKey(pem(resource));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
