package dev.ddlab.grader.check;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the first regular file of a ustar archive, as GET /containers/{id}/archive returns for a
 * file path. Only what a file check needs: name, size and type of the header, then the bytes.
 */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {}

  static Optional<byte[]> firstRegularFile(byte[] tar) {
    int pos = 0;
    while (tar != null && pos + BLOCK <= tar.length) {
      if (tar[pos] == 0) {
        return Optional.empty(); // end-of-archive marker
      }
      long size = octal(tar, pos + 124, 12);
      byte type = tar[pos + 156];
      int data = pos + BLOCK;
      if ((type == '0' || type == 0) && data + size <= tar.length) {
        return Optional.of(Arrays.copyOfRange(tar, data, data + (int) size));
      }
      pos = data + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
    }
    return Optional.empty();
  }

  private static long octal(byte[] b, int off, int len) {
    String s = new String(b, off, len, StandardCharsets.US_ASCII).replace("\0", "").trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
