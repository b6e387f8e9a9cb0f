package io.z3chat.persistence.ratelimit;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-user message limit every gateway replica shares (three a minute here): counted in the store on the save of
 * each new user message, refused with 429 and a Retry-After without storing it, never counting a replay.
 */
@QuarkusTest
@TestProfile(MessageRateLimitTest.ThreeAMinute.class)
class MessageRateLimitTest {

    public static class ThreeAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("z3chat.rate-limit.messages-per-minute", "3");
        }
    }

    /** 15 s into a minute of the clock's own, so no window boundary falls inside a test by accident. */
    private static final Instant WINDOW_START = Instant.parse("2031-05-04T10:20:00Z");

    private final MovableClock clock = new MovableClock(WINDOW_START.plusSeconds(15));

    @BeforeEach
    void useTheMovableClock() {
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theFourthNewMessageOfAMinuteIsRefusedWith429AndRetryAfterAndNotStored() {
        var user = newUser();
        var chatId = newId();
        for (int i = 1; i <= 3; i++) {
            putMessage(user, chatId, newId(), "user", "message " + i);
        }
        var refusedId = newId();
        var refused = put(user, chatId, refusedId, "user", "one too many");
        refused.then().statusCode(429).body("error.code", is("rate_limited")).header("Retry-After", "45");
        as(user).get("/chats/{c}/messages/{m}", chatId, refusedId).then().statusCode(404);
        as(user).get("/chats/{id}", chatId).then().statusCode(200).body("messageCount", is(3));
    }

    @Test
    void replayingAStoredMessageNeverCountsAgainNorIsRefused() {
        var user = newUser();
        var chatId = newId();
        var first = newId();
        putMessage(user, chatId, first, "user", "hello");
        for (int i = 0; i < 5; i++) {
            put(user, chatId, first, "user", "hello").then().statusCode(200);
        }
        putMessage(user, chatId, newId(), "user", "second");
        putMessage(user, chatId, newId(), "user", "third");
        put(user, chatId, newId(), "user", "fourth").then().statusCode(429);
        // the send whose acknowledgement was lost is retried after the window filled up: it was stored, so it is fine
        put(user, chatId, first, "user", "hello").then().statusCode(200);
    }

    @Test
    void theLimitIsEachUsersOwnAndTheNextMinuteAdmitsAgain() {
        var alice = newUser();
        var bob = newUser();
        var aliceChat = newId();
        for (int i = 1; i <= 3; i++) {
            putMessage(alice, aliceChat, newId(), "user", "alice " + i);
        }
        put(alice, aliceChat, newId(), "user", "alice 4").then().statusCode(429);
        putMessage(bob, newId(), newId(), "user", "bob is not limited by alice");

        clock.set(WINDOW_START.plus(Duration.ofMinutes(1)).plusSeconds(1));
        putMessage(alice, aliceChat, newId(), "user", "alice, a minute later");
    }

    @Test
    void repliesAreNotCountedNorIsAMessageThatWasNotStored() {
        var user = newUser();
        var other = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "question");
        for (int i = 0; i < 4; i++) {
            putMessage(user, chatId, newId(), "assistant", "answer " + i);
            as(user).body(Map.of("content", "streamed " + i, "status", "complete", "generationId", "gen_" + newId()))
                    .patch("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(201);
        }
        // an id another user holds, or a new message into another user's chat, is refused (404) and stores
        // nothing, so it costs nothing either (the second is counted first, then given back)
        var taken = newId();
        var theirChat = newId();
        putMessage(other, theirChat, taken, "user", "theirs");
        for (int i = 0; i < 3; i++) {
            put(user, chatId, taken, "user", "mine?").then().statusCode(404);
            put(user, theirChat, newId(), "user", "into their chat?").then().statusCode(404);
        }
        putMessage(user, chatId, newId(), "user", "second");
        putMessage(user, chatId, newId(), "user", "third");
        put(user, chatId, newId(), "user", "fourth").then().statusCode(429);
    }

    @Test
    void anEditCountsAgainstTheLimitLikeASendButARetriedEditOrARegenerateDoesNot() {
        var user = newUser();
        var chatId = newId();
        var question = newId();
        var answer = newId();
        putMessage(user, chatId, question, "user", "question");
        putMessage(user, chatId, answer, "assistant", "answer");
        var edit = newId();
        version(user, chatId, question, Map.of("id", edit, "content", "question, edited")).then().statusCode(201);
        version(user, chatId, question, Map.of("id", edit, "content", "question, edited")).then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            version(user, chatId, answer, Map.of("id", newId())).then().statusCode(201);
        }
        putMessage(user, chatId, newId(), "user", "third");
        var refusedId = newId();
        version(user, chatId, question, Map.of("id", refusedId, "content", "one edit too many")).then().statusCode(429)
                .body("error.code", is("rate_limited")).header("Retry-After", "45");
        as(user).get("/chats/{c}/messages/{m}", chatId, refusedId).then().statusCode(404);
        // the window held the question, the edit and the third message; the refused edit stored nothing: the
        // question, the answer, the edit, the three regenerated replies and the third message are the chat
        as(user).get("/chats/{id}", chatId).then().statusCode(200).body("messageCount", is(7));
    }

    private static Response version(String user, String chatId, String of, Map<String, String> body) {
        return as(user).body(body).post("/chats/{c}/messages/{m}/versions", chatId, of);
    }

    @Test
    void concurrentSendsOfOneUserStoreExactlyTheLimit() throws Exception {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "the chat exists");
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var content = "concurrent " + i;
            sends.add(() -> put(user, chatId, newId(), "user", content).statusCode());
        }
        var pool = Executors.newFixedThreadPool(10);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(sends)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(8, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        as(user).get("/chats/{id}", chatId).then().statusCode(200).body("messageCount", is(3));
    }

    private static Response put(String user, String chatId, String messageId, String role, String content) {
        return as(user).body(Map.of("role", role, "content", content))
                .put("/chats/{c}/messages/{m}", chatId, messageId);
    }

    /** A clock the test moves; the window follows it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
