package io.integrationhub.api;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class EventLoopConsumerOnPostgresqlTest extends EventLoopConsumerTest {
}
