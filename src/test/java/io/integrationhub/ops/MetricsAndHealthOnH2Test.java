package io.integrationhub.ops;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class MetricsAndHealthOnH2Test extends MetricsAndHealthTest {
}
