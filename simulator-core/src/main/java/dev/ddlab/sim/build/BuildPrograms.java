package dev.ddlab.sim.build;

import dev.ddlab.sim.runtime.ProgramInstaller;
import dev.ddlab.sim.runtime.ProgramRegistry;

/**
 * The package managers images carry (apt-get, apt, apk, and pip in the Python images), which share
 * the build's catalogue.
 */
public final class BuildPrograms implements ProgramInstaller {
  @Override
  public void install(ProgramRegistry registry) {
    registry.register("apt-get", () -> new PackageManagerProgram("apt-get"));
    registry.register("apt", () -> new PackageManagerProgram("apt"));
    registry.register("apk", () -> new PackageManagerProgram("apk"));
    registry.register("pip", () -> new PackageManagerProgram("pip"));
    registry.register("pip3", () -> new PackageManagerProgram("pip"));
  }
}
