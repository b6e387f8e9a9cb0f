package io.z3chat.gateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The one test setup of the gateway (so Quarkus boots once): the offline OIDC server and the stub downstreams,
 * held to the downstreams' committed OpenAPI documents after each test.
 * Put it on every {@code @QuarkusTest} class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(StubServicesResource.class)
@ExtendWith(StubContractCheck.class)
public @interface GatewayTest {
}
