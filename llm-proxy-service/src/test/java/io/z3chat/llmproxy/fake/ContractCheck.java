package io.z3chat.llmproxy.fake;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test that has the {@link FakePersistence} injected: fails it when an exchange with the fake broke the
 * contract of persistence-service or of the gateway's callback (registered for every test class by
 * {@code META-INF/services}; the test instance may come from Quarkus' class loader, so the fake is found by name).
 */
public class ContractCheck implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Object test = context.getTestInstance().orElse(null);
        if (test == null) {
            return;
        }
        for (Class<?> type = test.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType().getName().equals(FakePersistence.class.getName())) {
                    field.setAccessible(true);
                    Object fake = field.get(test);
                    if (fake != null) {
                        check(fake);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Object fake) throws ReflectiveOperationException {
        List<String> violations = (List<String>) fake.getClass().getMethod("takeViolations").invoke(fake);
        if (!violations.isEmpty()) {
            throw new AssertionError("the fakes met contract violations (this test, or one before it that left work running):\n"
                    + String.join("\n", violations));
        }
    }
}
