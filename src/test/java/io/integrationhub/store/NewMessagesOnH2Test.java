package io.integrationhub.store;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class NewMessagesOnH2Test extends NewMessagesTest {
}
