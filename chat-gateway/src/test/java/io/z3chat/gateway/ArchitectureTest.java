package io.z3chat.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's package layout (README "Layout"): packages by feature with no cycle between them; the socket
 * ({@code ws}) and the HTTP routes ({@code api}) are two doors to one chat flow ({@code chat}) and know nothing of each
 * other; generations are started, followed and relayed in {@code chat} only.
 */
@AnalyzeClasses(packages = "io.z3chat.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.z3chat.gateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theRoutesDoNotUseTheSocket = noClasses().that().resideInAPackage("..gateway.api..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.ws..");

    @ArchTest
    static final ArchRule theSocketDoesNotUseTheRoutes = noClasses().that().resideInAPackage("..gateway.ws..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.api..");

    @ArchTest
    static final ArchRule onlyTheChatFlowTalksGenerations = noClasses()
            .that().resideOutsideOfPackages("..gateway.chat..", "..gateway.downstream..")
            .should().dependOnClassesThat().haveNameMatching(
                    "io\\.z3chat\\.gateway\\.downstream\\.(LlmProxyApi|GenerationRequest|GenerationEvent|SseParser)(\\$.*)?");

    @ArchTest
    static final ArchRule theFlowKnowsNoTransport = noClasses().that().resideInAPackage("..gateway.chat..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.ws..", "..gateway.api..", "..gateway.web..");
}
