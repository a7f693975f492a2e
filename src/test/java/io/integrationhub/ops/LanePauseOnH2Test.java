package io.integrationhub.ops;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class LanePauseOnH2Test extends LanePauseTest {
}
