package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.fs.DevFs;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.image.LocalImage;
import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import dev.ddlab.sim.volume.FsCopy;
import dev.ddlab.sim.volume.MountTable;
import dev.ddlab.sim.volume.MountedFs;
import dev.ddlab.sim.volume.VolumeService;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * moby's daemon/volumes.go: a container's mounts (binds, named and anonymous volumes, the image's
 * VOLUMEs, tmpfs) set up at create, told to the volume service as the container starts and stops,
 * and released at removal.
 */
final class Mounts {
  /** A tmpfs's size without a size option: half the node's RAM, as the kernel's default. */
  static final long TMPFS_BYTES = MountTables.TMPFS_DEFAULT;

  private final Daemon daemon;

  /** Each container's tmpfs mounts, emptied when it stops (their pages leave its cgroup). */
  private final Map<Container, List<MemoryFs>> tmpfsOf = new IdentityHashMap<>();

  /**
   * Each container's /dev, mounted anew at each start; its nodes are made when something first
   * looks at it ({@link DevFs#populate}), so a start's cost does not grow with them.
   */
  private final Map<Container, DevFs> devOf = new IdentityHashMap<>();

  /** runc's /dev tmpfs: {@code size=65536k}. */
  private static final long DEV_BYTES = 64L * 1024 * 1024;

  Mounts(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * registerMountPoints: {@code --volumes-from} first (the other container's mounts, with its mode
   * or the one asked for), then -v and --mount (a later mount on the same path wins), then an
   * anonymous volume for each image VOLUME nothing is mounted on. An empty volume is filled with
   * what the image has at the mount point (unless {@code volume-nocopy}).
   */
  void register(Container c, HostConfig hc) {
    List<MountedFs.Mount> mounts = new ArrayList<>();
    List<MountPoint> points = new ArrayList<>();
    List<MountTables.Own> own = new ArrayList<>();
    java.util.Map<String, Mount> requested = new java.util.LinkedHashMap<>();
    java.util.Map<String, MountPoint> inherited = new java.util.LinkedHashMap<>();
    if (hc.volumesFrom() != null) {
      for (String spec : hc.volumesFrom()) {
        int colon = spec.lastIndexOf(':');
        String ref = colon < 0 ? spec : spec.substring(0, colon);
        String mode = colon < 0 ? "" : spec.substring(colon + 1);
        if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
          throw EngineException.badRequest("invalid mode: " + mode);
        }
        Container from = daemon.get(ref);
        for (MountPoint m : from.mounts) {
          boolean rw = mode.isEmpty() ? m.rw() : mode.equals("rw");
          inherited.put(
              Paths.normalize(m.destination()),
              new MountPoint(
                  m.type(),
                  m.name(),
                  m.source(),
                  m.destination(),
                  m.driver(),
                  m.mode(),
                  rw,
                  m.propagation()));
        }
      }
    }
    if (hc.binds() != null) {
      for (String bind : hc.binds()) {
        Mount m = Containers.parseBind(bind);
        requested.put(Paths.normalize(m.target()), m);
      }
    }
    if (hc.mounts() != null) {
      for (Mount m : hc.mounts()) {
        check(m);
        requested.put(Paths.normalize(m.target()), m);
      }
    }
    for (String t : requested.keySet()) {
      inherited.remove(t);
    }
    if (c.config.volumes() != null) {
      for (String target : c.config.volumes().keySet()) {
        String t = Paths.normalize(target);
        if (!requested.containsKey(t) && !inherited.containsKey(t)) {
          requested.put(t, new Mount("volume", "", target, false));
        }
      }
    }
    for (MountPoint m : inherited.values()) {
      String target = Paths.normalize(m.destination());
      mountPoint(c, target);
      if (m.type().equals("volume")) {
        VolumeService.Vol v = daemon.volumes.get(m.name());
        daemon.volumes.use(v.name(), c.id);
        mounts.add(new MountedFs.Mount(target, daemon.hostFs, daemon.volumes.data(v), !m.rw()));
      } else if (m.type().equals("bind")) {
        mounts.add(new MountedFs.Mount(target, daemon.hostFs, m.source(), !m.rw()));
      } else {
        continue; // tmpfs is not shared by --volumes-from
      }
      own.add(new MountTables.Own(target, m.type(), !m.rw(), null, null, m.source()));
      points.add(m);
    }
    List<Mount> tmpfsMounts = new ArrayList<>();
    for (Mount m : requested.values()) {
      String target = Paths.normalize(m.target());
      switch (m.type()) {
        case "bind" -> {
          String source = Paths.normalize(m.source());
          if (!daemon.hostFs.exists(source)) {
            if (m.readOnly() || hc.mounts() != null && hc.mounts().contains(m)) {
              throw EngineException.badRequest(
                  "invalid mount config for type \"bind\": bind source path does not exist: "
                      + source);
            }
            daemon.hostFs.mkdir(source, true);
          }
          mountPoint(c, target);
          mounts.add(new MountedFs.Mount(target, daemon.hostFs, source, m.readOnly()));
          own.add(new MountTables.Own(target, "bind", m.readOnly(), null, null, source));
          points.add(
              new MountPoint("bind", null, source, target, null, "", !m.readOnly(), "rprivate"));
        }
        case "tmpfs" -> tmpfsMounts.add(m); // after --tmpfs, as moby's TmpfsMounts lists them
        default -> {
          VolumeService volumes = daemon.volumes;
          VolumeService.Vol v =
              m.source() == null || m.source().isEmpty()
                  ? volumes.anonymous()
                  : volumes.obtain(
                      m.source(),
                      m.volumeOptions() == null || m.volumeOptions().labels() == null
                          ? Map.of()
                          : m.volumeOptions().labels(),
                      Map.of());
          mountPoint(c, target);
          String data = volumes.data(v);
          boolean noCopy = m.volumeOptions() != null && m.volumeOptions().noCopy();
          if (!noCopy && FsCopy.isEmptyDir(daemon.hostFs, data) && c.rootFs.isDirectory(target)) {
            for (String child : c.rootFs.list(target)) {
              FsCopy.copy(c.rootFs, target + "/" + child, daemon.hostFs, data + "/" + child);
            }
          }
          volumes.use(v.name(), c.id);
          mounts.add(new MountedFs.Mount(target, daemon.hostFs, data, m.readOnly()));
          own.add(new MountTables.Own(target, "volume", m.readOnly(), null, null, v.mountpoint()));
          points.add(
              new MountPoint(
                  "volume", v.name(), v.mountpoint(), target, "local", "", !m.readOnly(), ""));
        }
      }
    }
    // --tmpfs: mounted like --mount type=tmpfs, but not listed in Mounts (as dockerd lists them)
    if (hc.tmpfs() != null) {
      new java.util.TreeMap<>(hc.tmpfs())
          .forEach(
              (target, options) -> {
                TmpfsOptions o = TmpfsOptions.parse(options);
                mounts.add(
                    tmpfs(
                        c,
                        Paths.normalize(target),
                        o.bytes(),
                        o.readOnly(),
                        options,
                        o.bytes() != TMPFS_BYTES,
                        own));
              });
    }
    // --mount type=tmpfs: its tmpfs-size and tmpfs-mode as moby's ConvertTmpfsOptions passes them
    for (Mount m : tmpfsMounts) {
      String target = Paths.normalize(m.target());
      Mount.TmpfsOptions t = m.tmpfsOptions();
      boolean sized = t != null && t.sizeBytes() > 0;
      mounts.add(
          tmpfs(
              c,
              target,
              sized ? t.sizeBytes() : TMPFS_BYTES,
              m.readOnly(),
              t == null ? "" : t.data(false),
              sized,
              own));
      points.add(new MountPoint("tmpfs", null, "", target, null, "", !m.readOnly(), ""));
    }
    // dockerd's own bind mounts: /etc/hosts, /etc/hostname, /etc/resolv.conf (filled at start),
    // read-only with the root filesystem
    c.etcFiles = new MemoryFs(daemon.clock::nowNanos);
    List<String> etc = new ArrayList<>();
    for (String f : List.of("hosts", "hostname", "resolv.conf")) {
      if (!requested.containsKey("/etc/" + f) && !inherited.containsKey("/etc/" + f)) {
        c.etcFiles.write("/" + f, new byte[0], false);
        mounts.add(new MountedFs.Mount("/etc/" + f, c.etcFiles, "/" + f, hc.readonlyRootfs()));
        etc.add(0, "/etc/" + f); // runc mounts resolv.conf, hostname, hosts in that order
      }
    }
    // runc's /dev: a tmpfs with the default devices, made at each start ({@link #mounted}); a
    // container that never started has none (populating it here too built every /dev twice)
    DevFs dev =
        new DevFs(daemon.clock::nowNanos, Long.parseUnsignedLong(c.id.substring(0, 15), 16));
    dev.disk(new Disk(DEV_BYTES));
    devOf.put(c, dev);
    mounts.add(new MountedFs.Mount("/dev", dev, "/", false));
    // the IPC namespace's /dev/shm: a tmpfs of ShmSize (64 MiB unless --shm-size)
    long shmBytes = hc.shmSize() > 0 ? hc.shmSize() : ContainerResources.DEFAULT_SHM_BYTES;
    MemoryFs shm = tmpfsFs(c, shmBytes);
    mounts.add(new MountedFs.Mount("/dev/shm", shm, "/", false));
    Disk nodeDisk = daemon.disk();
    MountTable table =
        MountTables.of(
            c,
            hc,
            own,
            etc,
            MountTables.tmpfs(shmBytes, shm.disk()::used),
            layerIds(c),
            () -> nodeDisk == null ? 0 : nodeDisk.used());
    c.fs = new MountedFs(c.rootFs, mounts, hc.readonlyRootfs(), table);
    if (!points.isEmpty()) {
      daemon.changed(c);
      c.mounts = List.copyOf(points);
    }
  }

  /**
   * A file the daemon mounts read-only over {@code target} before the container starts: a swarm
   * task's secret or config (moby's secret and config mounts, kept on a tmpfs of the daemon's and
   * bind-mounted one by one). Like /etc/hosts it is not one of the container's Mounts; the mount
   * point is an empty file in the writable layer, as runc leaves it.
   */
  void mountFile(Container c, String target, byte[] data, int mode) {
    String t = Paths.normalize(target);
    if (c.taskFiles == null) {
      c.taskFiles = new MemoryFs(daemon.clock::nowNanos);
    }
    String parent = Paths.parent(t);
    if (!c.taskFiles.isDirectory(parent)) {
      c.taskFiles.mkdir(parent, true);
    }
    c.taskFiles.write(t, data, false);
    c.taskFiles.chmod(t, mode);
    try {
      if (!c.rootFs.isDirectory(parent)) {
        c.rootFs.mkdir(parent, true);
      }
      if (!c.rootFs.exists(t)) {
        c.rootFs.write(t, new byte[0], false);
      }
    } catch (FsException e) {
      // something in the way: the mount hides it anyway
    }
    List<MountedFs.Mount> all =
        new ArrayList<>(c.fs instanceof MountedFs m ? m.mounts() : List.<MountedFs.Mount>of());
    all.removeIf(x -> x.target().equals(t));
    all.add(new MountedFs.Mount(t, c.taskFiles, t, true));
    c.fs = c.fs instanceof MountedFs m ? m.withMounts(all) : new MountedFs(c.rootFs, all);
  }

  /** The daemon's checks of a --mount (volume/mounts/validate.go). */
  private static void check(Mount m) {
    String t = m.type() == null ? "" : m.type();
    String prefix = "invalid mount config for type \"" + t + "\": ";
    if (!List.of("bind", "volume", "tmpfs").contains(t)) {
      throw EngineException.badRequest(prefix + "mount type unknown");
    }
    if (m.target() == null || m.target().isEmpty()) {
      throw EngineException.badRequest(prefix + "field Target must not be empty");
    }
    if (!m.target().startsWith("/")) {
      throw EngineException.badRequest(
          prefix + "invalid mount path: '" + m.target() + "' mount path must be absolute");
    }
    boolean hasSource = m.source() != null && !m.source().isEmpty();
    if (t.equals("bind") && !hasSource) {
      throw EngineException.badRequest(prefix + "field Source must not be empty");
    }
    if (t.equals("tmpfs") && hasSource) {
      throw EngineException.badRequest(prefix + "field Source must not be specified");
    }
    if (t.equals("volume") && hasSource) {
      VolumeService.checkName(m.source());
    }
  }

  /**
   * The contents of the container's /etc/hosts, /etc/hostname and /etc/resolv.conf, as libnetwork
   * writes them once the sandbox has its endpoints (sandbox_dns_unix.go).
   */
  void writeEtcFiles(Container c) {
    if (c.etcFiles == null) {
      return;
    }
    HostConfig hc = c.hostConfig;
    dev.ddlab.sim.network.EtcFiles f =
        daemon.network.etcFiles(
            c.id,
            new dev.ddlab.sim.network.EtcFiles.Options(
                hc.dns(), hc.dnsSearch(), hc.dnsOptions(), hc.extraHosts()),
            daemon.kernel.host().hostname(),
            nodeFile("/etc/hosts"),
            daemon.hostFs != null && daemon.hostFs.exists("/run/systemd/resolve/resolv.conf")
                ? nodeFile("/run/systemd/resolve/resolv.conf")
                : nodeFile("/etc/resolv.conf"));
    write(c.etcFiles, "/hosts", f.hosts());
    write(c.etcFiles, "/hostname", f.hostname());
    write(c.etcFiles, "/resolv.conf", f.resolvConf());
  }

  private String nodeFile(String path) {
    if (daemon.hostFs == null || !daemon.hostFs.exists(path)) {
      return "";
    }
    return new String(daemon.hostFs.read(path), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void write(dev.ddlab.fs.FileSystem fs, String path, String text) {
    if (fs.exists(path)) {
      fs.write(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }
  }

  /**
   * A tmpfs of {@code bytes} at {@code target}, its pages charged to the container's memory; its
   * line of the mount table goes to {@code own} ({@code sized}: a size was asked for, so the kernel
   * shows it).
   */
  private MountedFs.Mount tmpfs(
      Container c,
      String target,
      long bytes,
      boolean readOnly,
      String options,
      boolean sized,
      List<MountTables.Own> own) {
    mountPoint(c, target);
    MemoryFs tmpfs = tmpfsFs(c, bytes);
    own.add(
        new MountTables.Own(
            target,
            "tmpfs",
            readOnly,
            MountTables.tmpfsOptions(readOnly, options, bytes, sized),
            MountTables.tmpfs(sized ? bytes : MountTables.TMPFS_DEFAULT, tmpfs.disk()::used)));
    return new MountedFs.Mount(target, tmpfs, "/", readOnly);
  }

  /** A tmpfs's filesystem, emptied when the container stops. */
  private MemoryFs tmpfsFs(Container c, long bytes) {
    MemoryFs tmpfs = new MemoryFs(daemon.clock::nowNanos).asTmpfs(01777, daemon.clock.nowNanos());
    tmpfs.disk(new Disk(bytes, new TmpfsPages(c)));
    tmpfsOf.computeIfAbsent(c, k -> new ArrayList<>()).add(tmpfs);
    return tmpfs;
  }

  /** The image's layers under the container's, base first (for the overlay's lowerdir). */
  private List<String> layerIds(Container c) {
    return daemon.images.find(c.imageId).map(LocalImage::chainIds).orElse(List.of());
  }

  /** The options of {@code --tmpfs /run:rw,size=64m}: its size (the kernel's default without). */
  record TmpfsOptions(long bytes, boolean readOnly) {
    static TmpfsOptions parse(String options) {
      long bytes = TMPFS_BYTES;
      boolean readOnly = false;
      for (String o : options.split(",")) {
        if (o.equals("ro")) {
          readOnly = true;
        } else if (o.startsWith("size=")) {
          try {
            bytes = dev.ddlab.go.GoUnits.ramInBytes(o.substring(5));
          } catch (IllegalArgumentException e) {
            throw EngineException.badRequest("invalid tmpfs option " + o);
          }
        }
      }
      return new TmpfsOptions(bytes, readOnly);
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

  /**
   * The container started: each volume's "mount" event; its /dev and tmpfs mounts are mounted now
   * (dated so).
   */
  void mounted(Container c) {
    long now = daemon.clock.nowNanos();
    DevFs dev = devOf.get(c);
    if (dev != null) {
      dev.populate(now, c.config.tty(), true); // 5.15 has /proc/kcore: runc links /dev/core
    }
    for (MemoryFs tmpfs : tmpfsOf.getOrDefault(c, List.of())) {
      tmpfs.remounted(now);
    }
    for (MountPoint m : volumeMounts(c)) {
      daemon.volumes.mountEvent(m.name(), c.id, m.destination(), m.rw());
    }
  }

  /**
   * The container stopped: each volume's "unmount" event; its tmpfs mounts are gone with their
   * contents (a restart finds them empty), and their pages leave its memory cgroup.
   */
  void unmounted(Container c) {
    for (MountPoint m : volumeMounts(c)) {
      daemon.volumes.unmountEvent(m.name(), c.id);
    }
    for (MemoryFs tmpfs : tmpfsOf.getOrDefault(c, List.of())) {
      for (String child : tmpfs.list("/")) {
        tmpfs.remove("/" + child, true);
      }
    }
  }

  /**
   * A tmpfs's pages, charged to the memory cgroup of the container's running processes as shmem
   * pages are: a write that would take the group over its memory.max runs the OOM killer, which
   * kills the group's largest process (the first of equals: PID 1 when nothing holds more), and the
   * write fails with ENOMEM. So {@code docker run -m 8m --mount type=tmpfs,target=/t alpine sh -c
   * 'yes > /t/f'} ends as Docker's does: exit 137, OOMKilled. Without -m the node's containers'
   * memory bounds it.
   */
  private static final class TmpfsPages implements Disk.Backing {
    private final Container c;
    private Cgroup chargedTo;
    private long charged;

    TmpfsPages(Container c) {
      this.c = c;
    }

    @Override
    public void take(long bytes, String path) {
      ProcContext ctx = c.context;
      if (ctx == null
          || c.status != Container.Status.RUNNING && c.status != Container.Status.PAUSED) {
        return; // not mounted: what a stopped container's path holds is not in memory here
      }
      Cgroup group = ctx.cgroup();
      if (group != chargedTo) {
        give(charged);
        chargedTo = group;
      }
      if (!group.chargeMemory(bytes)) {
        SimProc victim = null;
        for (SimProc p : ctx.processes()) {
          if (!p.exited() && (victim == null || p.rss() > victim.rss())) {
            victim = p;
          }
        }
        if (victim != null) {
          victim.signal(Signal.SIGKILL);
        }
        throw new FsException(FsException.Errno.ENOMEM, path);
      }
      charged += bytes;
    }

    @Override
    public void give(long bytes) {
      long n = Math.min(bytes, charged);
      if (chargedTo != null && n > 0) {
        chargedTo.unchargeMemory(n);
        charged -= n;
      }
    }
  }

  /**
   * The container is removed: its volumes are no longer in use by it, and with {@code
   * removeAnonymous} (rm -v, --rm) its anonymous volumes go unless another container uses them.
   */
  void release(Container c, boolean removeAnonymous) {
    tmpfsOf.remove(c);
    devOf.remove(c);
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
