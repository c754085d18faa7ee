package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FsException;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's json-file log: one entry per line with its stream and virtual time, kept across
 * restarts and dropped with the container. Partial lines wait for their newline (or the process's
 * exit), as Docker's log copier does. The log takes space on the node's disk, as its file under
 * /var/lib/docker/containers does (a byte a character): a line that does not fit is lost, as a
 * json-file write fails on a full disk, and the container runs on. Without this, one container
 * printing 16 KiB lines held 160 MB of the server's heap in its 10,000 entries.
 */
final class LogBuffer {
  private static final int MAX_ENTRIES = 10_000;

  /** The most a line waits for its newline before it is logged in part (moby's copier buffer). */
  static final int LINE_BUFFER = 16 * 1024;

  private long[] times = new long[8];
  private byte[] streams = new byte[8];
  private final List<String> lines = new ArrayList<>(8);
  private StringBuilder partialOut;
  private StringBuilder partialErr;
  private final Disk disk;
  private long charged;

  LogBuffer(Disk disk) {
    this.disk = disk;
  }

  void append(long nanos, boolean stderr, String text) {
    StringBuilder partial = stderr ? partialErr : partialOut;
    int start = skipRotated(text, partial);
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      String line = text.substring(start, nl + 1);
      if (partial != null && partial.length() > 0) {
        line = partial + line;
        partial.setLength(0);
      }
      add(nanos, stderr, line);
      start = nl + 1;
    }
    if (start < text.length()) {
      if (partial == null) {
        partial = new StringBuilder();
        if (stderr) {
          partialErr = partial;
        } else {
          partialOut = partial;
        }
      }
      partial.append(text, start, text.length());
      while (partial.length() >= LINE_BUFFER) {
        // moby's log copier reads 16 KiB at a time: a longer line is logged in partial entries
        add(nanos, stderr, partial.substring(0, LINE_BUFFER));
        partial.delete(0, LINE_BUFFER);
      }
    }
  }

  /**
   * Where {@link #append} may start in {@code text}: a chunk of more whole lines than the log keeps
   * ({@code yes} in a container writes 32,768 lines a round) would rotate out every entry kept now
   * and all its own lines but the last few thousand, so those are dropped at once, as the rotations
   * would drop them (their space given back, the partial line they began with gone), without making
   * them. Only when the disk has room for the whole chunk, so that no line of it would have been
   * lost to a full disk instead. Returns 0 otherwise.
   */
  private int skipRotated(String text, StringBuilder partial) {
    if (text.length() < MAX_ENTRIES) {
      return 0;
    }
    int count = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      count++;
    }
    if (count <= MAX_ENTRIES
        || disk != null
            && disk.available() < text.length() + (partial == null ? 0 : partial.length())) {
      return 0;
    }
    int size = lines.size();
    int left = count;
    while (left > 0) { // the entries kept after adding them all, as add() rotates
      if (size == MAX_ENTRIES) {
        size = MAX_ENTRIES / 2;
      }
      int step = Math.min(left, MAX_ENTRIES - size);
      size += step;
      left -= step;
    }
    int skip = count - size; // lines of this chunk that never survive; all older entries go too
    version++;
    give(length(lines));
    lines.clear();
    if (partial != null) {
      partial.setLength(0);
    }
    int start = 0;
    for (int k = 0; k < skip; k++) {
      start = text.indexOf('\n', start) + 1;
    }
    return start;
  }

  /** The process ended: keep what it printed without a final newline. */
  void flush(long nanos) {
    if (partialOut != null && partialOut.length() > 0) {
      add(nanos, false, partialOut.toString());
      partialOut.setLength(0);
    }
    if (partialErr != null && partialErr.length() > 0) {
      add(nanos, true, partialErr.toString());
      partialErr.setLength(0);
    }
  }

  private void add(long nanos, boolean stderr, String line) {
    version++;
    int n = lines.size();
    if (n == MAX_ENTRIES) {
      // Rotate: drop the oldest half, as a size-limited json-file log would.
      int keep = n / 2;
      System.arraycopy(times, n - keep, times, 0, keep);
      System.arraycopy(streams, n - keep, streams, 0, keep);
      List<String> dropped = lines.subList(0, n - keep);
      give(length(dropped));
      dropped.clear();
      n = keep;
    }
    if (disk != null) {
      try {
        disk.charge(line.length(), "/var/lib/docker/containers");
      } catch (FsException full) {
        return; // the write failed: the line is not in the log
      }
      charged += line.length();
    }
    if (n == times.length) {
      times = java.util.Arrays.copyOf(times, n * 2);
      streams = java.util.Arrays.copyOf(streams, n * 2);
    }
    times[n] = nanos;
    streams[n] = (byte) (stderr ? 2 : 1);
    lines.add(line);
  }

  /** Entries in [since, until] of the chosen streams, the last {@code tail} of them (-1: all). */
  List<LogFrame> read(boolean stdout, boolean stderr, long since, long until, int tail) {
    Read query = new Read(stdout, stderr, since, until, tail);
    List<LogFrame> same = kept.get(query, version, 0);
    if (same != null) {
      return same;
    }
    List<LogFrame> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      boolean isErr = streams[i] == 2;
      if ((isErr && !stderr) || (!isErr && !stdout) || times[i] < since || times[i] > until) {
        continue;
      }
      out.add(
          new LogFrame(
              isErr ? "stderr" : "stdout", GoTime.rfc3339NanoFixed(times[i]), lines.get(i)));
    }
    if (tail >= 0 && out.size() > tail) {
      out = out.subList(out.size() - tail, out.size());
    }
    return out.size() > KEPT_FRAMES
        ? new ArrayList<>(out)
        : kept.keep(query, version, 0, Long.MAX_VALUE, out);
  }

  /** Entries added or dropped: moves whenever what {@link #read} answers may change. */
  private long version;

  /** What a read asked for. */
  private record Read(boolean stdout, boolean stderr, long since, long until, int tail) {}

  /*
   * The last answer of at most KEPT_FRAMES frames, returned again while no entry was added or
   * dropped: docker logs typed again formats no line's time again (each frame's RFC 3339 time was
   * most of a read). Bounded, so a long log read once does not keep a second copy of its times.
   */
  private final dev.ddlab.sim.events.KeptAnswer<LogFrame> kept =
      new dev.ddlab.sim.events.KeptAnswer<>();

  private static final int KEPT_FRAMES = 1_000;

  long bytes() {
    return length(lines);
  }

  private static long length(List<String> some) {
    long b = 0;
    for (String l : some) {
      b += l.length();
    }
    return b;
  }

  private void give(long bytes) {
    long n = Math.min(bytes, charged);
    if (disk != null && n > 0) {
      disk.charge(-n, "/var/lib/docker/containers");
      charged -= n;
    }
  }

  /** The container is removed: its log file and the space it took go. */
  void release() {
    version++;
    give(charged);
    lines.clear();
  }
}
