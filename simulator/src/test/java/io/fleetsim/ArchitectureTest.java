package io.fleetsim;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator's packages form layers whose dependencies point down only, so that each layer can
 * be built and tested without the ones above it. A failure names the classes whose dependency
 * breaks the rule. Main classes only: tests may reach across layers to set things up.
 *
 * <pre>
 * cli, tune, preflight
 * engine
 * server, server.tcp     (embedded servers: never device, channel or nat)
 * device
 * channel
 * nat
 * transport, transport.dtls
 * coap, coap.tcp
 * metrics, progress
 * scenario, security, base, io.fleetsim itself, and the reports module (reports, resultsformat)
 * </pre>
 */
@AnalyzeClasses(packages = "io.fleetsim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** No two top-level packages (a package with its sub-packages) depend on each other, directly or around a loop. */
    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("io.fleetsim.(*)..")
            .as("top-level packages of io.fleetsim").should().beFreeOfCycles();

    /** Nor do any two packages, sub-packages included (transport and transport.dtls, coap and coap.tcp). */
    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.fleetsim.(**)")
            .as("packages of io.fleetsim").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Commands").definedBy("io.fleetsim.cli..", "io.fleetsim.tune..", "io.fleetsim.preflight..")
            .layer("Engine").definedBy("io.fleetsim.engine..")
            .layer("Servers").definedBy("io.fleetsim.server..")
            .layer("Devices").definedBy("io.fleetsim.device..")
            .layer("Channels").definedBy("io.fleetsim.channel..")
            .layer("Nat").definedBy("io.fleetsim.nat..")
            .layer("Transport").definedBy("io.fleetsim.transport..")
            .layer("Coap").definedBy("io.fleetsim.coap..")
            .layer("Metrics").definedBy("io.fleetsim.metrics..", "io.fleetsim.progress..")
            .layer("Foundation").definedBy("io.fleetsim", "io.fleetsim.scenario..", "io.fleetsim.security..",
                    "io.fleetsim.base..", "io.fleetsim.reports..", "io.fleetsim.resultsformat..")
            .whereLayer("Commands").mayNotBeAccessedByAnyLayer()
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Commands")
            .whereLayer("Servers").mayOnlyBeAccessedByLayers("Commands", "Engine")
            .whereLayer("Devices").mayOnlyBeAccessedByLayers("Commands", "Engine")
            .whereLayer("Channels").mayOnlyBeAccessedByLayers("Commands", "Engine", "Devices")
            .whereLayer("Nat").mayOnlyBeAccessedByLayers("Commands", "Engine", "Devices", "Channels")
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Commands", "Engine", "Servers", "Devices", "Channels",
                    "Nat")
            .whereLayer("Coap").mayOnlyBeAccessedByLayers("Commands", "Engine", "Servers", "Devices", "Channels",
                    "Nat", "Transport")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Commands", "Engine", "Servers", "Devices", "Channels",
                    "Nat", "Transport", "Coap");
}
