package io.z3chat.llmproxy.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.Vertx;

/**
 * Starts the fake OpenRouter and the fake persistence-service (which also takes the gateway's callbacks) for the
 * Quarkus tests, and hands the service their URLs and the test key pair.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private FakeOpenRouter openRouter;
    private FakePersistence persistence;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        openRouter = new FakeOpenRouter(vertx);
        int openRouterPort = openRouter.start();
        try {
            persistence = new FakePersistence(vertx,
                    KeyUtils.decodePublicKey(pem("keys/internal-public.pem"), SignatureAlgorithm.RS256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        int persistencePort = persistence.start();
        return Map.of(
                "fake.openrouter.url", "http://localhost:" + openRouterPort + FakeOpenRouter.BASE_PATH,
                "fake.persistence.url", "http://localhost:" + persistencePort,
                "INTERNAL_JWT_PUBLIC_KEY", pem("keys/internal-public.pem"),
                "INTERNAL_JWT_PRIVATE_KEY", pem("keys/internal-private.pem"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(openRouter,
                new TestInjector.AnnotatedAndMatchesType(InjectFake.class, FakeOpenRouter.class));
        injector.injectIntoFields(persistence,
                new TestInjector.AnnotatedAndMatchesType(InjectFake.class, FakePersistence.class));
    }

    @Override
    public void stop() {
        openRouter.stop();
        persistence.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    public static String pem(String resource) {
        try (InputStream in = FakeServices.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
