package io.integrationhub.connectors;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class ConnectorRequestsOnPostgresqlTest extends ConnectorRequestsTest {
}
