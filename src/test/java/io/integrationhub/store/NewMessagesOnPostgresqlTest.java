package io.integrationhub.store;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class NewMessagesOnPostgresqlTest extends NewMessagesTest {
}
