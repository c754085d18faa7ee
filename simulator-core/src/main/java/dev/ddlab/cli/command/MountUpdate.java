package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.Mount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code service update --mount-add/--mount-rm} as docker/cli's updateMounts: the added mounts by
 * target (a target added twice is "duplicate mount target"), then the service's mounts whose target
 * was not re-added, minus the targets removed, sorted by source then target.
 */
final class MountUpdate {
  @Option(
      names = "--mount-add",
      paramLabel = "mount",
      description = "Add or update a mount on a service")
  List<String> add = new ArrayList<>();

  @Option(
      names = "--mount-rm",
      paramLabel = "list",
      description = "Remove a mount by its target path")
  List<String> remove = new ArrayList<>();

  boolean changed() {
    return !add.isEmpty() || !remove.isEmpty();
  }

  /** The service's mounts after the flags ({@code have} may be null). */
  List<Mount> apply(List<Mount> have) {
    Map<String, Mount> byTarget = new LinkedHashMap<>();
    for (String spec : add) {
      Mount m = ContainerOptions.parseMount(spec, "--mount-add");
      if (byTarget.putIfAbsent(m.target(), m) != null) {
        throw new CliException("duplicate mount target", 1);
      }
    }
    for (Mount m : have == null ? List.<Mount>of() : have) {
      byTarget.putIfAbsent(m.target(), m);
    }
    List<Mount> out = new ArrayList<>();
    for (Mount m : byTarget.values()) {
      if (!remove.contains(m.target())) {
        out.add(m);
      }
    }
    out.sort(
        Comparator.comparing((Mount m) -> m.source() == null ? "" : m.source())
            .thenComparing(Mount::target));
    return out;
  }
}
