package dev.ddlab.fs;

import java.nio.charset.StandardCharsets;

/**
 * The Go binaries the simulator's {@code go build} links: an ELF header and a readable section the
 * simulated program {@code go-app} reads (what its sources listen on, print and log). A file
 * starting so is that program wherever its bytes go: a layer tar read back ({@code COPY --from},
 * {@code docker cp}, {@code docker save}/{@code load}) keeps it as a real ELF keeps its code.
 */
public final class GoBinary {
  /** The first bytes of every such binary. */
  public static final String MAGIC = "\u007fELF\u0002\u0001\u0001\u0000go1.20.14 ddlab\n";

  /** The simulated program such a binary runs. */
  public static final String PROGRAM = "go-app";

  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.UTF_8);

  private GoBinary() {}

  /** Whether these bytes are such a binary. */
  public static boolean is(byte[] data) {
    if (data.length < MAGIC_BYTES.length) {
      return false;
    }
    for (int i = 0; i < MAGIC_BYTES.length; i++) {
      if (data[i] != MAGIC_BYTES[i]) {
        return false;
      }
    }
    return true;
  }
}
