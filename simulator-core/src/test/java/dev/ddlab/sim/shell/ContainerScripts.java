package dev.ddlab.sim.shell;

import dev.ddlab.fs.MemoryFs;
import java.util.List;

/**
 * Runs a {@code -c} string in a container shell, as {@code docker run --rm IMAGE SHELL -c '…'}
 * would: busybox ash in alpine, dash as ubuntu's {@code sh}, and ubuntu's bash. Shared by the tests
 * that compare each shell's texts and exit codes.
 */
final class ContainerScripts {
  private ContainerScripts() {}

  /**
   * What a {@code -c} string printed (stdout and stderr, as a terminal shows them) and its exit.
   */
  record Ran(String output, int status) {}

  static Ran run(MemoryFs fs, String shell, String script) {
    return argv(fs, List.of(shell, "-c", script));
  }

  /** Runs a shell with the arguments {@code argv} (its name first), without a terminal. */
  static Ran argv(MemoryFs fs, List<String> argv) {
    FakeProc.World w = new FakeProc.World(fs);
    FakeProc p = w.init(argv, false);
    return new Ran(w.read(), p.status);
  }

  static Ran ash(String script) {
    return run(ContainerShellTest.alpine(), "sh", script);
  }

  static Ran dash(String script) {
    return run(ContainerShellTest.ubuntu(), "sh", script);
  }

  static Ran bash(String script) {
    return run(ContainerShellTest.ubuntu(), "bash", script);
  }
}
