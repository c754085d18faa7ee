package dev.ddlab.fs;

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

  private long state;
  private boolean terminal;

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
   * Earlier contents go (a restart mounts a new tmpfs).
   */
  public DevFs populate(long now, boolean tty, boolean kcore) {
    for (String child : list("/")) {
      remove("/" + child, true);
    }
    asTmpfs(0755, now);
    terminal = tty;
    if (tty) {
      install("/console", Entry.charDevice(0620, PTS_MAJOR, 0, now, 0, TTY_GID));
    }
    if (kcore) {
      install("/core", Entry.symlink("/proc/kcore", now));
    }
    install("/fd", Entry.symlink("/proc/self/fd", now));
    install("/full", Entry.charDevice(0666, 1, 7, now, 0, 0));
    install("/mqueue", Entry.dir(01777, now));
    install("/null", Entry.charDevice(0666, 1, 3, now, 0, 0));
    install("/ptmx", Entry.symlink("pts/ptmx", now));
    install("/pts", Entry.dir(0755, now));
    install("/pts/ptmx", Entry.charDevice(0666, 5, 2, now, 0, 0));
    if (tty) {
      install("/pts/0", Entry.charDevice(0620, PTS_MAJOR, 0, now, 0, TTY_GID));
    }
    install("/random", Entry.charDevice(0666, 1, 8, now, 0, 0));
    install("/shm", Entry.dir(01777, now));
    install("/stderr", Entry.symlink("/proc/self/fd/2", now));
    install("/stdin", Entry.symlink("/proc/self/fd/0", now));
    install("/stdout", Entry.symlink("/proc/self/fd/1", now));
    install("/tty", Entry.charDevice(0666, 5, 0, now, 0, 0));
    install("/urandom", Entry.charDevice(0666, 1, 9, now, 0, 0));
    install("/zero", Entry.charDevice(0666, 1, 5, now, 0, 0));
    return this;
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
