package io.integrationhub.notify;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class NotificationsOnPostgresqlTest extends NotificationsTest {
}
