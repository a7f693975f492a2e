package io.integrationhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The rooms' arrows run one way: store at the bottom; the message and the HTTP answers (api) above it; connectors,
 * message types, delivery; the partner API (inbound) and ops at the top, wired together by {@link Hub}.
 */
// Run as plain JUnit tests: surefire's class filter (-Dtest=…) skips the ArchUnit engine's field-based tests.
class LayeringTest {

    private static final String ROOT = "io.integrationhub.";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.integrationhub");

    static final ArchRule onlyTheRootAndInboundUseThePartnerApi = noClasses().that()
            .resideOutsideOfPackages(ROOT + "inbound..").and().resideInAPackage(ROOT + "*..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "inbound..");

    static final ArchRule connectorsDoNotTouchTheStore = noClasses().that().resideInAPackage(ROOT + "connectors..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "store..");

    static final ArchRule theStoreUsesNoOtherRoom = noClasses().that().resideInAPackage(ROOT + "store..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + "api..", ROOT + "message..",
                    ROOT + "connectors..", ROOT + "messagetypes..", ROOT + "delivery..", ROOT + "inbound..",
                    ROOT + "ops..");

    static final ArchRule opsDoesNotReachIntoDelivery = noClasses().that().resideInAPackage(ROOT + "ops..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "delivery..");

    static final ArchRule theMessageUsesOnlyTheStore = noClasses().that().resideInAPackage(ROOT + "message..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + "api..", ROOT + "connectors..",
                    ROOT + "messagetypes..", ROOT + "delivery..", ROOT + "inbound..", ROOT + "ops..");

    static final ArchRule theApiUsesOnlyTheMessageAndTheStore = noClasses().that().resideInAPackage(ROOT + "api..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + "connectors..", ROOT + "messagetypes..",
                    ROOT + "delivery..", ROOT + "inbound..", ROOT + "ops..");

    @Test
    void nothingButTheRootUsesThePartnerApi() {
        onlyTheRootAndInboundUseThePartnerApi.check(MAIN);
    }

    @Test
    void connectorsOwnTheirViewOfExternalIds() {
        connectorsDoNotTouchTheStore.check(MAIN);
    }

    @Test
    void theStoreIsTheBottom() {
        theStoreUsesNoOtherRoom.check(MAIN);
    }

    @Test
    void opsSeesDeliveryThroughItsOwnInterfaces() {
        opsDoesNotReachIntoDelivery.check(MAIN);
    }

    @Test
    void theMessageAndTheApiUseNoRoomAboveThem() {
        theMessageUsesOnlyTheStore.check(MAIN);
        theApiUsesOnlyTheMessageAndTheStore.check(MAIN);
    }
}
