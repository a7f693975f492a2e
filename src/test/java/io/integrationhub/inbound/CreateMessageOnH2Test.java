package io.integrationhub.inbound;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class CreateMessageOnH2Test extends CreateMessageTest {
}
