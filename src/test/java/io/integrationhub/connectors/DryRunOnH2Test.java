package io.integrationhub.connectors;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class DryRunOnH2Test extends DryRunTest {
}
