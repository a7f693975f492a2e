package io.integrationhub.messagetypes;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.POSTGRESQL)
class DryRunRouteFilesOnPostgresqlTest extends DryRunRouteFilesTest {
}
