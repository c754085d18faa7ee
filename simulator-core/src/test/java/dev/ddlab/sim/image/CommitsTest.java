package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker commit --change}, checked against Docker 20.10's answers. */
class CommitsTest {
  private static final ContainerConfig RAN_TRUE =
      ContainerConfig.command("busybox", List.of("true"));

  @Test
  void entrypoint_drops_the_containers_cmd_unless_a_cmd_change_came_first() {
    ContainerConfig alone = Commits.applyChanges(RAN_TRUE, List.of("ENTRYPOINT [\"echo\"]"));
    assertEquals(List.of("echo"), alone.entrypoint());
    assertNull(alone.cmd());
    ContainerConfig both =
        Commits.applyChanges(RAN_TRUE, List.of("CMD [\"a\"]", "ENTRYPOINT [\"echo\"]"));
    assertEquals(List.of("a"), both.cmd());
    assertEquals(List.of("echo"), both.entrypoint());
  }

  @Test
  void onbuild_changes_add_up_in_order() {
    ContainerConfig c = Commits.applyChanges(RAN_TRUE, List.of("ONBUILD RUN x", "ONBUILD RUN y"));
    assertEquals(List.of("RUN x", "RUN y"), c.onBuild());
  }

  @Test
  void env_replaces_a_variable_and_expose_defaults_to_tcp() {
    ContainerConfig c =
        Commits.applyChanges(RAN_TRUE, List.of("ENV A=1 B=2", "ENV A 3", "EXPOSE 80 53/udp"));
    // Docker replaces A where it stands; the simulator moves it last (see docs/design/images.md).
    assertEquals(java.util.Set.of("B=2", "A=3"), java.util.Set.copyOf(c.env()));
    assertEquals(List.of("80/tcp", "53/udp"), List.copyOf(c.exposedPorts().keySet()));
  }

  @Test
  void malformed_env_changes_fail_with_dockers_messages() {
    assertEquals(
        "Syntax error - can't find = in \"B\". Must be of the form: name=value",
        assertThrows(
                EngineException.class, () -> Commits.applyChanges(RAN_TRUE, List.of("ENV A=1 B")))
            .getMessage());
    assertEquals(
        "ENV must have two arguments",
        assertThrows(
                EngineException.class, () -> Commits.applyChanges(RAN_TRUE, List.of("ENV FOO")))
            .getMessage());
  }

  @Test
  void an_instruction_a_commit_cannot_apply_is_named_lower_cased_as_moby_v24_does() {
    for (String change : new String[] {"BOGUS x", "RUN echo hi", "from alpine"}) {
      String word = change.substring(0, change.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
      assertEquals(
          word + " is not a valid change command",
          assertThrows(EngineException.class, () -> Commits.applyChanges(RAN_TRUE, List.of(change)))
              .getMessage());
    }
  }

  @Test
  void healthcheck_is_a_valid_change_as_in_moby_v24() {
    ContainerConfig c =
        Commits.applyChanges(
            RAN_TRUE, List.of("HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost"));
    assertEquals(List.of("CMD-SHELL", "wget -q localhost"), c.healthcheck().test());
    assertEquals(5_000_000_000L, c.healthcheck().interval());
    assertEquals(2, c.healthcheck().retries());
  }

  @Test
  void no_changes_leave_the_config_as_it_was() {
    assertEquals(RAN_TRUE, Commits.applyChanges(RAN_TRUE, List.of()));
    assertEquals(RAN_TRUE, Commits.applyChanges(RAN_TRUE, null));
  }
}
