package dev.ddlab.bridge.guard;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.Volume;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what guarded sessions left on a daemon: at the end of a session (by its label), and at
 * the next start for sessions whose ddlab process died (the {@code ddlab.owner} label names a
 * process on this host that no longer runs).
 */
public final class Reaper {
  private Reaper() {}

  /** Removes containers, networks, volumes and images matching the label filter. */
  public static int removeLabelled(Engine engine, Map<String, List<String>> filters) {
    int removed = 0;
    for (ContainerSummary c : engine.containers().list(true, 0, false, filters)) {
      removed += quietly(() -> engine.containers().remove(c.id(), true, true));
    }
    for (Network n : engine.networks().list(filters)) {
      removed += quietly(() -> engine.networks().remove(n.id()));
    }
    for (Volume v : engine.volumes().list(filters)) {
      removed += quietly(() -> engine.volumes().remove(v.name(), true));
    }
    for (ImageSummary i : engine.images().list(false, filters)) {
      removed += quietly(() -> engine.images().remove(i.id(), true, false));
    }
    return removed;
  }

  /**
   * Removes the objects of every guarded session whose owner process (on this host) is gone.
   *
   * @return the session ids that were reaped
   */
  public static Set<String> reapOrphans(Engine engine) {
    String self = GuardSession.ownerOfThisProcess();
    String host = self.substring(0, self.lastIndexOf(':'));
    Map<String, List<String>> anySession = Map.of("label", List.of(GuardedEngine.SESSION_LABEL));
    Set<String> dead = new LinkedHashSet<>();
    for (ContainerSummary c : engine.containers().list(true, 0, false, anySession)) {
      collectDead(c.labels(), host, dead);
    }
    for (Network n : engine.networks().list(anySession)) {
      collectDead(n.labels(), host, dead);
    }
    for (Volume v : engine.volumes().list(anySession)) {
      collectDead(v.labels(), host, dead);
    }
    for (String session : dead) {
      removeLabelled(engine, Map.of("label", List.of(GuardedEngine.SESSION_LABEL + "=" + session)));
    }
    return dead;
  }

  private static void collectDead(Map<String, String> labels, String host, Set<String> dead) {
    if (labels == null) {
      return;
    }
    String owner = labels.get(GuardedEngine.OWNER_LABEL);
    String session = labels.get(GuardedEngine.SESSION_LABEL);
    if (owner == null || session == null || owner.lastIndexOf(':') < 0) {
      return;
    }
    String ownerHost = owner.substring(0, owner.lastIndexOf(':'));
    long pid;
    try {
      pid = Long.parseLong(owner.substring(owner.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return;
    }
    if (ownerHost.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
      dead.add(session);
    }
  }

  private static int quietly(Runnable r) {
    try {
      r.run();
      return 1;
    } catch (EngineException gone) {
      return 0;
    }
  }
}
