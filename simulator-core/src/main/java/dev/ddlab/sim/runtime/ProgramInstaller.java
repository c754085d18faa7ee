package dev.ddlab.sim.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Registers a subsystem's programs into a node's {@link ProgramRegistry}. Implementations are found
 * with {@link ServiceLoader} (list the class in {@code
 * META-INF/services/dev.ddlab.sim.runtime.ProgramInstaller}), so every node of every cluster gets
 * them without the host knowing the subsystem.
 */
public interface ProgramInstaller {
  void install(ProgramRegistry registry);

  /** Every installer on the class path, in class-name order (deterministic). */
  static List<ProgramInstaller> discovered() {
    List<ProgramInstaller> out = new ArrayList<>();
    ServiceLoader.load(ProgramInstaller.class).forEach(out::add);
    out.sort(Comparator.comparing(i -> i.getClass().getName()));
    return out;
  }
}
