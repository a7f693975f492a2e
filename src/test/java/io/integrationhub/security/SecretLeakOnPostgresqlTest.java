package io.integrationhub.security;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class SecretLeakOnPostgresqlTest extends SecretLeakTest {
}
