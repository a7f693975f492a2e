package io.integrationhub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store a concrete suite runs on. A test that touches the store is an abstract suite with two subclasses,
 * {@code @OnStore(H2)} and {@code @OnStore(POSTGRESQL)}, so each of its tests runs on both (see
 * {@code inbound/CreateMessageTest}); a hub started outside such a subclass fails.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestStores.Selection.class)
public @interface OnStore {
    TestStore value();
}
