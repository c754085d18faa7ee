package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.volume.FsCopy;
import dev.ddlab.sim.volume.MountedFs;
import dev.ddlab.sim.volume.VolumeService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * moby's daemon/volumes.go: a container's mounts (binds, named and anonymous volumes, the image's
 * VOLUMEs, tmpfs) set up at create, told to the volume service as the container starts and stops,
 * and released at removal.
 */
final class Mounts {
  private final Daemon daemon;

  Mounts(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * registerMountPoints: -v and --mount, then an anonymous volume for each image VOLUME nothing is
   * mounted on. An empty volume is filled with what the image has at the mount point.
   */
  void register(Container c, HostConfig hc) {
    List<MountedFs.Mount> mounts = new ArrayList<>();
    List<MountPoint> points = new ArrayList<>();
    List<Mount> requested = new ArrayList<>();
    if (hc.binds() != null) {
      for (String bind : hc.binds()) {
        requested.add(Containers.parseBind(bind));
      }
    }
    if (hc.mounts() != null) {
      requested.addAll(hc.mounts());
    }
    Set<String> targets = new HashSet<>();
    for (Mount m : requested) {
      targets.add(Paths.normalize(m.target()));
    }
    if (c.config.volumes() != null) {
      for (String target : c.config.volumes().keySet()) {
        if (!targets.contains(Paths.normalize(target))) {
          requested.add(new Mount("volume", "", target, false));
        }
      }
    }
    for (Mount m : requested) {
      String target = Paths.normalize(m.target());
      switch (m.type()) {
        case "bind" -> {
          String source = Paths.normalize(m.source());
          if (!daemon.hostFs.exists(source)) {
            if (m.readOnly()) {
              throw EngineException.badRequest(
                  "invalid mount config for type \"bind\": bind source path does not exist: "
                      + source);
            }
            daemon.hostFs.mkdir(source, true);
          }
          mountPoint(c, target);
          mounts.add(new MountedFs.Mount(target, daemon.hostFs, source, m.readOnly()));
          points.add(
              new MountPoint("bind", null, source, target, null, "", !m.readOnly(), "rprivate"));
        }
        case "tmpfs" -> {
          mountPoint(c, target);
          mounts.add(
              new MountedFs.Mount(target, new MemoryFs(daemon.clock::nowNanos), "/", m.readOnly()));
          points.add(new MountPoint("tmpfs", null, "", target, null, "", !m.readOnly(), ""));
        }
        default -> {
          VolumeService volumes = daemon.volumes;
          VolumeService.Vol v =
              m.source() == null || m.source().isEmpty()
                  ? volumes.anonymous()
                  : volumes.obtain(m.source(), Map.of(), Map.of());
          mountPoint(c, target);
          if (FsCopy.isEmptyDir(v.fs(), "/") && c.rootFs.isDirectory(target)) {
            for (String child : c.rootFs.list(target)) {
              FsCopy.copy(c.rootFs, target + "/" + child, v.fs(), "/" + child);
            }
          }
          volumes.use(v.name(), c.id);
          mounts.add(new MountedFs.Mount(target, v.fs(), "/", m.readOnly()));
          points.add(
              new MountPoint(
                  "volume", v.name(), v.mountpoint(), target, "local", "", !m.readOnly(), ""));
        }
      }
    }
    if (!mounts.isEmpty()) {
      c.fs = new MountedFs(c.rootFs, mounts);
      c.mounts = List.copyOf(points);
    }
  }

  private static void mountPoint(Container c, String target) {
    if (!c.rootFs.isDirectory(target)) {
      try {
        c.rootFs.mkdir(target, true);
      } catch (FsException e) {
        // a file in the way: the mount hides it anyway
      }
    }
  }

  /** The container started: each volume's "mount" event. */
  void mounted(Container c) {
    for (MountPoint m : volumeMounts(c)) {
      daemon.volumes.mountEvent(m.name(), c.id, m.destination(), m.rw());
    }
  }

  /** The container stopped: each volume's "unmount" event. */
  void unmounted(Container c) {
    for (MountPoint m : volumeMounts(c)) {
      daemon.volumes.unmountEvent(m.name(), c.id);
    }
  }

  /**
   * The container is removed: its volumes are no longer in use by it, and with {@code
   * removeAnonymous} (rm -v, --rm) its anonymous volumes go unless another container uses them.
   */
  void release(Container c, boolean removeAnonymous) {
    for (MountPoint m : volumeMounts(c)) {
      daemon.volumes.release(m.name(), c.id);
      VolumeService.Vol v = daemon.volumes.find(m.name());
      if (removeAnonymous && v != null && v.anonymous()) {
        try {
          daemon.volumes.remove(m.name(), false);
        } catch (EngineException e) {
          // still used by another container: Docker keeps it too
        }
      }
    }
  }

  private static List<MountPoint> volumeMounts(Container c) {
    if (c.mounts.isEmpty()) {
      return List.of();
    }
    List<MountPoint> out = new ArrayList<>();
    for (MountPoint m : c.mounts) {
      if (m.type().equals("volume")) {
        out.add(m);
      }
    }
    return out;
  }
}
