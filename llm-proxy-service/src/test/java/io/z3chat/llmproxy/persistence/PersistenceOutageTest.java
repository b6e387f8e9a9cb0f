package io.z3chat.llmproxy.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.fake.SseClient;

/**
 * persistence-service goes down while a reply streams and comes back later: the reply is kept meanwhile and saved
 * exactly once. (Backoff is shortened for the test; {@code FinalReplyOutboxTest} covers ten minutes of outage in
 * simulated time.)
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class PersistenceOutageTest {

    @InjectFake
    FakePersistence persistence;

    @ConfigProperty(name = "fake.persistence.url")
    String fakePersistenceUrl;

    @AfterEach
    void persistenceIsBack() {
        persistence.down(false);
    }

    @Test
    void aReplyHeldThroughAnOutageIsSavedExactlyOnceWhenPersistenceReturns() {
        String messageId = Api.id("msg");
        persistence.down(true);
        int refusedBefore = persistence.refusedWhileDown();
        try (SseClient stream = Api.start(Api.user(),
                Api.generation(Api.id("chat"), messageId, "fake/hello#" + messageId, "Hi")
                        .put("callbackUrl", fakePersistenceUrl + FakePersistence.CALLBACK_PATH))) {
            List<SseClient.Event> events = stream.untilDone();
            assertEquals("complete", events.get(events.size() - 1).data().getString("status"),
                    "the caller gets its reply even while persistence is down");
        }
        // the initial checkpoint and several attempts at the final reply were refused
        await().atMost(Duration.ofSeconds(15)).until(() -> persistence.refusedWhileDown() - refusedBefore >= 5);
        assertEquals(0, persistence.patches(messageId).size());

        persistence.down(false);

        // the gateway is told only after the reply is saved, so once it has been, every write has happened
        await().atMost(Duration.ofSeconds(15)).until(() -> persistence.callbacks(messageId).size() == 1);
        List<FakePersistence.Patch> finishes = persistence.patches(messageId).stream()
                .filter(p -> !p.status().equals("streaming")).toList();
        assertEquals(1, finishes.size(), "saved exactly once");
        assertEquals("Hello world", finishes.get(0).content());
        assertEquals("complete", finishes.get(0).status());
        assertEquals(0, persistence.badTokens());
    }
}
