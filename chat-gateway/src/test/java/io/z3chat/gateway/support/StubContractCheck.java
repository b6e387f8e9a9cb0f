package io.z3chat.gateway.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every gateway test: fails it when the chat stubs took a request or gave an answer, or a stub wrote an
 * event, that breaks persistence-service's or llm-proxy's committed OpenAPI document (see {@link GatewayTest}).
 */
public class StubContractCheck implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = Stubs.takeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("the stubs met contract violations (this test, or one before it that left work"
                    + " running):\n" + String.join("\n", violations));
        }
    }
}
