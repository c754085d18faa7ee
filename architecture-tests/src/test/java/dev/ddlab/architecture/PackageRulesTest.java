package dev.ddlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The doors between ddlab's packages (docs/design/architecture.md), as tests: a wrong import fails
 * {@code mvn -B verify}. Each rule says why in its {@code because}.
 */
class PackageRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ddlab");
  }

  /** Every rule holds outright: the violations once frozen while the seams moved are all mended. */
  private static void check(ArchRule rule) {
    rule.check(classes);
  }

  @Test
  void the_engine_seam_depends_on_nothing_of_ddlab_but_itself() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.ddlab.engine..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.ddlab.engine..", "java..", "com.fasterxml.jackson..")
            .because(
                "Engine is the seam every engine implements and every client uses; it must not"
                    + " pull a simulator, a CLI or a transport in with it");
    check(rule);
  }

  @Test
  void the_neutral_models_depend_only_on_the_engine_seam() {
    ArchRule rule =
        classes()
            .that()
            .resideInAnyPackage(
                "dev.ddlab.fs..", "dev.ddlab.events..", "dev.ddlab.client..", "dev.ddlab.go..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.fs..",
                "dev.ddlab.events..",
                "dev.ddlab.client..",
                "dev.ddlab.go..",
                "dev.ddlab.engine..",
                "java..")
            .because(
                "the filesystem model, the typed events, the client contract and Go's formats are"
                    + " shared by the simulator, the CLI, the sessions and the panels, so they"
                    + " belong to none");
    check(rule);
  }

  @Test
  void the_dockerfile_language_depends_only_on_go_formats_and_jackson() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.ddlab.dockerfile..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.dockerfile..", "dev.ddlab.go..", "java..", "com.fasterxml.jackson..")
            .because(
                "the Dockerfile parser and .dockerignore are read by the simulated builder and by"
                    + " the CLI (and checks may read them), so they belong to neither")
            .allowEmptyShould(true);
    check(rule);
  }

  @Test
  void the_introspection_seam_depends_only_on_the_neutral_models() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.ddlab.introspect..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.introspect..",
                "dev.ddlab.fs..",
                "dev.ddlab.events..",
                "dev.ddlab.engine..",
                "java..")
            .allowEmptyShould(true)
            .because(
                "panels, the grader and the tutorial read the simulation through these read-only"
                    + " views; the views must not hand out the simulator's own objects");
    check(rule);
  }

  @Test
  void the_simulator_never_imports_the_cli_or_the_sessions() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.ddlab.sim..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.cli..",
                "dev.ddlab.session..",
                "dev.ddlab.grader..",
                "dev.ddlab.web..",
                "dev.ddlab.app..",
                "dev.ddlab.bridge..")
            .because(
                "the simulator is one Docker node (and its cluster); clients reach it through"
                    + " Engine, and the shell reaches the CLI only through dev.ddlab.client");
    check(rule);
  }

  @Test
  void the_cli_talks_to_the_engine_only() {
    check(cliRule());
  }

  static ArchRule cliRule() {
    return noClasses()
        .that()
        .resideInAPackage("dev.ddlab.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ddlab.sim..",
            "dev.ddlab.session..",
            "dev.ddlab.bridge..",
            "dev.ddlab.grader..",
            "dev.ddlab.web..",
            "dev.ddlab.app..")
        .because(
            "the docker CLI and its plugins (compose, buildx) must drive a real daemon"
                + " exactly as they drive the simulator");
  }

  @Test
  void the_grader_uses_the_public_face_of_the_cli_and_never_the_simulator() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.ddlab.grader..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.sim..",
                "dev.ddlab.cli.command..",
                "dev.ddlab.cli.formatter..",
                "dev.ddlab.cli.template..",
                "dev.ddlab.web..",
                "dev.ddlab.app..",
                "dev.ddlab.bridge..")
            .because(
                "checks read state through Engine, Session and the introspection seam, and parse"
                    + " command lines through dev.ddlab.cli.DockerSyntax");
    check(rule);
  }

  @Test
  void the_web_playground_reaches_the_simulator_only_through_the_seams() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.ddlab.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.sim..",
                "dev.ddlab.cli.command..",
                "dev.ddlab.cli.formatter..",
                "dev.ddlab.cli.template..",
                "dev.ddlab.app..")
            .because(
                "panels and routes work on any node backend, simulated or real; only the"
                    + " application layer (dev.ddlab.app) wires simulated nodes");
    check(rule);
  }

  @Test
  void the_bridge_knows_engines_not_simulated_clusters() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.ddlab.bridge..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.ddlab.sim..", "dev.ddlab.grader..", "dev.ddlab.web..", "dev.ddlab.app..")
            .because(
                "the bridge serves and decorates any Engine; wiring a simulated node behind it"
                    + " (engine-api, diff-real, bench) is the application layer's job");
    check(rule);
  }

  /** The packages of simulator-core: the simulator, its seams, the CLI and the sessions. */
  static final String[] SIMULATOR_CORE = {
    "dev.ddlab.cli..",
    "dev.ddlab.client..",
    "dev.ddlab.dockerfile..",
    "dev.ddlab.engine..",
    "dev.ddlab.events..",
    "dev.ddlab.fs..",
    "dev.ddlab.go..",
    "dev.ddlab.introspect..",
    "dev.ddlab.session..",
    "dev.ddlab.sim.."
  };

  @Test
  void simulator_core_never_reads_the_wall_clock_sleeps_or_draws_unseeded_randomness() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(SIMULATOR_CORE)
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Thread.class, "sleep", java.time.Duration.class)
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(Math.class, "random")
            .orShould()
            .callConstructor(java.util.Random.class)
            .because(
                "the simulator runs on virtual time and a seeded random source: the same seed and"
                    + " input give the same transcript; waiting on wall time belongs to the bridge");
    check(rule);
  }

  @Test
  void a_deliberate_violation_fails_the_rule() {
    JavaClasses fixture =
        new ClassFileImporter().importClasses(dev.ddlab.cli.violation.ImportsTheSimulator.class);
    AssertionError e = assertThrows(AssertionError.class, () -> cliRule().check(fixture));
    assertTrue(e.getMessage().contains("dev.ddlab.sim.host.Cluster"), e.getMessage());
  }

  @Test
  void the_top_level_parts_have_no_cycles() {
    check(slices().matching("dev.ddlab.(*)..").should().beFreeOfCycles());
  }

  @Test
  void the_parts_of_the_simulator_have_no_cycles() {
    check(slices().matching("dev.ddlab.sim.(*)..").should().beFreeOfCycles());
  }
}
