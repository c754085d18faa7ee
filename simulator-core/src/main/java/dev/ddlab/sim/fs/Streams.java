package dev.ddlab.sim.fs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Small stream helpers shared by the tar and gzip writers. */
public final class Streams {
  private Streams() {}

  /**
   * {@code out} behind a stream whose close only flushes: archive writers close what they wrap, but
   * the caller owns {@code out}.
   */
  public static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
