package io.integrationhub.api;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class EventLoopConsumerOnH2Test extends EventLoopConsumerTest {
}
