package dev.ddlab.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.LongSupplier;

/**
 * A container's {@code /dev}: the tmpfs runc mounts there ({@code mode=755,size=65536k}) with the
 * device nodes and links of its default spec, made when the container starts and dated then. The
 * character devices read and write as the kernel's do: {@code null} reads nothing, {@code zero} and
 * {@code full} read zeros, {@code random} and {@code urandom} read seeded pseudo-random bytes (the
 * same for the same seed); writes go nowhere, but {@code full}'s fail with ENOSPC, and {@code tty}
 * without a terminal refuses both with ENXIO.
 *
 * <p>The shell's text is UTF-8 strings, so a raw byte of 0x80 and above would count three bytes
 * once decoded: the random devices give printable ASCII, newlines and tabs as they come and {@code
 * ?} for every other byte, so that {@code head -c 8 /dev/urandom | wc -c} is 8, and {@code tr -dc
 * a-z0-9 < /dev/urandom | head -c 12} draws from an even alphabet.
 */
public final class DevFs extends MemoryFs {
  /** The console's and pseudo-terminals' major (UNIX98_PTY_SLAVE_MAJOR) and the tty group. */
  private static final int PTS_MAJOR = 136;

  private static final int TTY_GID = 5;

  /** What one read of an endless device gives to a reader that reads "all": 64 KiB. */
  static final int SLAB = 65536;

  /**
   * The nodes of runc's default spec, undated, in path order: one list for a container with a
   * terminal ({@code console}, {@code pts/0}) and one without, shared by every container. A start
   * takes none of them: they are dated and put in when something first looks at /dev.
   */
  private static final List<Map.Entry<String, Entry>> WITH_TTY = nodes(true);

  private static final List<Map.Entry<String, Entry>> WITHOUT_TTY = nodes(false);

  private long state;
  private boolean terminal;

  /** The start not yet made into nodes: its date, and whether the kernel has /proc/kcore. */
  private boolean pending;

  private long startedAt;
  private boolean kcore;

  /**
   * @param seed the random devices' seed (the container's)
   */
  public DevFs(LongSupplier clock, long seed) {
    super(clock);
    this.state = seed;
  }

  /**
   * Makes the nodes as runc does when the container starts at {@code now}: {@code console} and
   * {@code pts/0} with a terminal ({@code -t}), {@code core} where the kernel has /proc/kcore.
   * Earlier contents go (a restart mounts a new tmpfs). What a start costs does not depend on the
   * nodes: they are made, dated {@code now}, when /dev is first looked at or written ({@link
   * #made}), which a container that only runs never does.
   */
  public DevFs populate(long now, boolean tty, boolean kcore) {
    if (!pending) {
      for (String child : super.children("/")) {
        remove("/" + child, true);
      }
    }
    asTmpfs(0755, now);
    terminal = tty;
    this.kcore = kcore;
    startedAt = now;
    pending = true;
    return this;
  }

  /** Whether this start's nodes have been made (something looked at /dev since the start). */
  public boolean made() {
    return !pending;
  }

  /** This start's nodes, dated at the start, put in before anything reads or changes /dev. */
  private void make() {
    if (!pending) {
      return;
    }
    pending = false;
    for (Map.Entry<String, Entry> n : terminal ? WITH_TTY : WITHOUT_TTY) {
      if (kcore || !n.getKey().equals("/core")) {
        super.put(n.getKey(), n.getValue().withMtime(startedAt));
      }
    }
  }

  private static List<Map.Entry<String, Entry>> nodes(boolean tty) {
    List<Map.Entry<String, Entry>> out = new ArrayList<>();
    java.util.function.BiConsumer<String, Entry> add = (p, e) -> out.add(Map.entry(p, e));
    if (tty) {
      add.accept("/console", Entry.charDevice(0620, PTS_MAJOR, 0, 0, 0, TTY_GID));
    }
    add.accept("/core", Entry.symlink("/proc/kcore", 0));
    add.accept("/fd", Entry.symlink("/proc/self/fd", 0));
    add.accept("/full", Entry.charDevice(0666, 1, 7, 0, 0, 0));
    add.accept("/mqueue", Entry.dir(01777, 0));
    add.accept("/null", Entry.charDevice(0666, 1, 3, 0, 0, 0));
    add.accept("/ptmx", Entry.symlink("pts/ptmx", 0));
    add.accept("/pts", Entry.dir(0755, 0));
    add.accept("/pts/ptmx", Entry.charDevice(0666, 5, 2, 0, 0, 0));
    if (tty) {
      add.accept("/pts/0", Entry.charDevice(0620, PTS_MAJOR, 0, 0, 0, TTY_GID));
    }
    add.accept("/random", Entry.charDevice(0666, 1, 8, 0, 0, 0));
    add.accept("/shm", Entry.dir(01777, 0));
    add.accept("/stderr", Entry.symlink("/proc/self/fd/2", 0));
    add.accept("/stdin", Entry.symlink("/proc/self/fd/0", 0));
    add.accept("/stdout", Entry.symlink("/proc/self/fd/1", 0));
    add.accept("/tty", Entry.charDevice(0666, 5, 0, 0, 0, 0));
    add.accept("/urandom", Entry.charDevice(0666, 1, 9, 0, 0, 0));
    add.accept("/zero", Entry.charDevice(0666, 1, 5, 0, 0, 0));
    return List.copyOf(out);
  }

  @Override
  protected Entry get(String path) {
    make();
    return super.get(path);
  }

  @Override
  protected List<String> children(String dir) {
    make();
    return super.children(dir);
  }

  @Override
  protected void put(String path, Entry entry) {
    make();
    super.put(path, entry);
  }

  @Override
  protected void removeTree(String path) {
    make();
    super.removeTree(path);
  }

  @Override
  protected long storedBytes() {
    make();
    return super.storedBytes();
  }

  @Override
  public NavigableMap<String, Entry> entries() {
    make();
    return super.entries();
  }

  @Override
  protected FileNode shown(String path, FileNode node) {
    if (path.equals("/pts")) {
      return node.withSize(0); // devpts, a filesystem of its own, sizes its root 0
    }
    return super.shown(path, node);
  }

  @Override
  protected byte[] readDevice(FileNode device, long max) {
    int n = (int) Math.min(max, SLAB);
    if (device.major() == 5 && device.minor() == 0 && !terminal) {
      throw new FsException(FsException.Errno.ENXIO, "/dev/tty");
    }
    if (device.major() != 1) {
      return new byte[0]; // a terminal: what is typed reaches the shell, not a file read
    }
    return switch (device.minor()) {
      case 5, 7 -> new byte[n];
      case 8, 9 -> random(n);
      default -> new byte[0];
    };
  }

  @Override
  protected void writeDevice(FileNode device, String path, byte[] data) {
    if (device.major() == 1 && device.minor() == 7 && data.length > 0) {
      throw new FsException(FsException.Errno.ENOSPC, path);
    }
    if (device.major() == 5 && device.minor() == 0 && !terminal) {
      throw new FsException(FsException.Errno.ENXIO, path);
    }
  }

  private byte[] random(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      // splitmix64, one byte per step: a fixed algorithm, so the bytes never depend on the JDK
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      int b = (int) ((z ^ (z >>> 31)) & 0xff);
      out[i] = (byte) (b >= 0x20 && b < 0x7f || b == '\n' || b == '\t' ? b : '?');
    }
    return out;
  }
}
