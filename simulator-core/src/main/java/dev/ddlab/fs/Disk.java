package dev.ddlab.fs;

import dev.ddlab.fs.FsException.Errno;

/**
 * The space a node's filesystems share: its host filesystem and its containers' writable layers. A
 * write that would take more than is left fails with {@code ENOSPC} ("No space left on device"), as
 * a full disk does, and changes nothing. Only bytes that programs wrote count: the procedural
 * contents of images and installed packages stand for large files without occupying memory, and the
 * quota is what keeps one learner's {@code yes > file} from filling the server's heap.
 */
public final class Disk {
  /** The space of a simulated node unless configured ({@code -Dddlab.disk.bytes}). */
  public static final long DEFAULT_BYTES = Long.getLong("ddlab.disk.bytes", 64L * 1024 * 1024);

  private final long capacity;
  private final Backing backing;
  private long used;

  public Disk(long capacity) {
    this(capacity, null);
  }

  /**
   * A disk whose bytes are also charged to {@code backing}: a tmpfs, whose pages count in its
   * container's memory cgroup as the kernel counts shmem pages.
   */
  public Disk(long capacity, Backing backing) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.backing = backing;
  }

  /** What else a disk's bytes are charged to (a memory cgroup, for a tmpfs). */
  public interface Backing {
    /**
     * Takes {@code bytes} more for a write at {@code path}.
     *
     * @throws FsException with nothing taken, when they cannot be had
     */
    void take(long bytes, String path);

    /** Gives {@code bytes} back (a file shrank or was removed). */
    void give(long bytes);
  }

  /**
   * This disk as another's {@link Backing}: a node's disk (or a registry's storage) on the
   * session's, so that every byte written on any of them also takes its place in the one budget a
   * session has ({@code Cluster.diskBudget}). A write that does not fit there fails with ENOSPC and
   * takes nothing from either.
   */
  public Backing asBacking() {
    return new Backing() {
      @Override
      public void take(long bytes, String path) {
        charge(bytes, path);
      }

      @Override
      public void give(long bytes) {
        charge(-bytes, "/");
      }
    };
  }

  /** A disk as large as a node gets by default. */
  public static Disk ofDefaultSize() {
    return new Disk(DEFAULT_BYTES);
  }

  /** A disk as large as a node gets by default, whose bytes also count on {@code budget}. */
  public static Disk ofDefaultSize(Disk budget) {
    return budget == null ? ofDefaultSize() : new Disk(DEFAULT_BYTES, budget.asBacking());
  }

  public long capacity() {
    return capacity;
  }

  public long used() {
    return used;
  }

  public long available() {
    return capacity - used;
  }

  /**
   * Takes {@code delta} more bytes (gives them back when negative).
   *
   * @throws FsException ENOSPC, with nothing taken, when they do not fit
   */
  public void charge(long delta, String path) {
    if (delta > 0 && delta > capacity - used) {
      throw new FsException(Errno.ENOSPC, path);
    }
    if (backing != null) {
      if (delta > 0) {
        backing.take(delta, path);
      } else {
        backing.give(Math.min(-delta, used));
      }
    }
    used = Math.max(0, used + delta);
  }

  /** The bytes {@code entries} occupy on the disk. */
  public static long size(java.util.Collection<Entry> entries) {
    long n = 0;
    for (Entry e : entries) {
      n += size(e);
    }
    return n;
  }

  /** The bytes an entry occupies on the disk: a written file's content, nothing else. */
  public static long size(Entry e) {
    if (e == null || e.content() == null || e.content().isSynthetic()) {
      return 0;
    }
    return e.content().size();
  }
}
