package io.integrationhub.security;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class FuzzOnH2Test extends FuzzTest {
}
