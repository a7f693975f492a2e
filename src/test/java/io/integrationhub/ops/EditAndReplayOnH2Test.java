package io.integrationhub.ops;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class EditAndReplayOnH2Test extends EditAndReplayTest {
}
