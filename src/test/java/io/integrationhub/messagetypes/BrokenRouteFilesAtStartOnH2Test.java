package io.integrationhub.messagetypes;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;

@OnStore(TestStore.H2)
class BrokenRouteFilesAtStartOnH2Test extends BrokenRouteFilesAtStartTest {
}
