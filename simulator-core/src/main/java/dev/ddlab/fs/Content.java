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
  private final byte[] data; // null for procedural content
  private final long size;
  private final long seed;

  private Content(byte[] data, long size, long seed) {
    this.data = data;
    this.size = size;
    this.seed = seed;
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
      return data.clone();
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
        out.write(data);
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

  public Content append(byte[] more) {
    byte[] old = bytes();
    byte[] joined = Arrays.copyOf(old, old.length + more.length);
    System.arraycopy(more, 0, joined, old.length, more.length);
    return of(joined);
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
    return Arrays.equals(bytes(), c.bytes());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + (data == null ? Long.hashCode(seed) : Arrays.hashCode(data));
  }
}
