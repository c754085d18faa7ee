package dev.ddlab.sim.build;

import dev.ddlab.sim.runtime.ProgramInstaller;
import dev.ddlab.sim.runtime.ProgramRegistry;

/** The package managers images carry (apt-get, apt, apk), which share the build's catalogue. */
public final class BuildPrograms implements ProgramInstaller {
  @Override
  public void install(ProgramRegistry registry) {
    registry.register("apt-get", () -> new PackageManagerProgram("apt-get"));
    registry.register("apt", () -> new PackageManagerProgram("apt"));
    registry.register("apk", () -> new PackageManagerProgram("apk"));
  }
}
