package io.integrationhub.inbound;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class IdempotencyOnPostgresqlTest extends IdempotencyTest {
}
