package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;

/** true(1) and false(1): exit at once with a fixed status. */
public record Exit(int status) implements Program {
  @Override
  public void start(Proc proc) {
    proc.exit(status);
  }
}
