package io.integrationhub.messagetypes;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class LiveRouteFilesOnH2Test extends LiveRouteFilesTest {
}
