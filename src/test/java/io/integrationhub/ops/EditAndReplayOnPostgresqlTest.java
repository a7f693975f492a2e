package io.integrationhub.ops;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class EditAndReplayOnPostgresqlTest extends EditAndReplayTest {
}
