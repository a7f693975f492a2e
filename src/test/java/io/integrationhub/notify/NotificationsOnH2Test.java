package io.integrationhub.notify;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class NotificationsOnH2Test extends NotificationsTest {
}
