package io.integrationhub.delivery;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class LanesOnPostgresqlTest extends LanesTest {
}
