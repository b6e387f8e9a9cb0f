package io.z3chat.persistence.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the embedded store for every @QuarkusTest in the module (one boot shared by all). */
@QuarkusTestResource(MongoTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
