package dev.ddlab.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a regular file. Small files hold their bytes; the large "binaries" of catalogue
 * images are procedural: a size and a seed, generated on demand (splitmix64), so that a node with
 * several images costs a few hundred bytes per file and not megabytes, while tar and digests still
 * see real, deterministic bytes (a seeded block, repeated).
 */
public final class Content {
  private static final int PERIOD = 8192;
  private static final Content EMPTY = new Content(new byte[0], 0, 0);

  /**
   * The bytes of a written file: {@code data[0, size)} of a buffer that may be longer and shared
   * with the contents this one was appended from (as Go slices share an array). Only the content
   * whose end is the buffer's filled end may append in place, so a file written a line at a time
   * costs amortised linear time, not a copy of the whole file per line.
   */
  private final byte[] data; // null for procedural content

  private final long size;
  private final long seed;

  /** How much of {@code data} some content uses (shared by the contents of one buffer). */
  private final int[] filled;

  private Content(byte[] data, long size, long seed) {
    this(data, size, seed, data == null ? null : new int[] {(int) size});
  }

  private Content(byte[] data, long size, long seed, int[] filled) {
    this.data = data;
    this.size = size;
    this.seed = seed;
    this.filled = filled;
  }

  public static Content empty() {
    return EMPTY;
  }

  public static Content of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Content(bytes.clone(), bytes.length, 0);
  }

  public static Content text(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code size} deterministic pseudo-random bytes derived from {@code seed}. */
  public static Content synthetic(long size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    return new Content(null, size, seed);
  }

  public long size() {
    return size;
  }

  public boolean isSynthetic() {
    return data == null;
  }

  /** The bytes (materialised for procedural content). */
  public byte[] bytes() {
    if (data != null) {
      return Arrays.copyOf(data, (int) size);
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("file too large to read at once: " + size);
    }
    byte[] out = new byte[(int) size];
    byte[] block = block(seed);
    for (int i = 0; i < out.length; i += PERIOD) {
      System.arraycopy(block, 0, out, i, Math.min(PERIOD, out.length - i));
    }
    return out;
  }

  public void writeTo(OutputStream out) {
    try {
      if (data != null) {
        out.write(data, 0, (int) size);
        return;
      }
      byte[] block = block(seed);
      long left = size;
      while (left > 0) {
        int n = (int) Math.min(PERIOD, left);
        out.write(block, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Procedural bytes repeat a seeded 8 KiB block: they look like binary data, yet gzip (whose
   * window is 32 KiB) compresses them fast, which keeps digesting the whole catalogue cheap.
   */
  private static byte[] block(long seed) {
    byte[] b = new byte[PERIOD];
    fill(b, 0, PERIOD, seed);
    return b;
  }

  /** This content followed by {@code more}. */
  public Content append(byte[] more) {
    if (more.length == 0) {
      return this;
    }
    long total = size + more.length;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("file too large: " + total);
    }
    if (data != null && data.length > 0) {
      synchronized (filled) {
        if (filled[0] == size && data.length >= total) {
          System.arraycopy(more, 0, data, (int) size, more.length);
          filled[0] = (int) total;
          return new Content(data, total, 0, filled);
        }
      }
    }
    byte[] grown = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(total, size * 2))];
    if (data != null) {
      System.arraycopy(data, 0, grown, 0, (int) size);
    } else {
      byte[] old = bytes();
      System.arraycopy(old, 0, grown, 0, old.length);
    }
    System.arraycopy(more, 0, grown, (int) size, more.length);
    return new Content(grown, total, 0, new int[] {(int) total});
  }

  // splitmix64: fixed algorithm, so the bytes never depend on the JDK.
  private static long fill(byte[] buf, int off, int len, long state) {
    int i = off;
    while (i < off + len) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      for (int k = 0; k < 8 && i < off + len; k++, i++) {
        buf[i] = (byte) (z >>> (8 * k));
      }
    }
    return state;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Content c)) {
      return false;
    }
    if (size != c.size) {
      return false;
    }
    if (data == null && c.data == null) {
      return seed == c.seed;
    }
    if (data != null && c.data != null) {
      return Arrays.equals(data, 0, (int) size, c.data, 0, (int) size);
    }
    return Arrays.equals(bytes(), c.bytes());
  }

  @Override
  public int hashCode() {
    if (data == null) {
      return Long.hashCode(size) * 31 + Long.hashCode(seed);
    }
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * h + data[i];
    }
    return Long.hashCode(size) * 31 + h;
  }
}
