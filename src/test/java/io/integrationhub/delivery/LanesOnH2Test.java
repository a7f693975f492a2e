package io.integrationhub.delivery;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class LanesOnH2Test extends LanesTest {
}
