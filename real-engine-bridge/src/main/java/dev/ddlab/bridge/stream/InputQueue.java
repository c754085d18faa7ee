package dev.ddlab.bridge.stream;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An InputStream fed by another thread's {@link #offer} calls: what a learner types, on its way to
 * a hijacked connection. Unlike a pipe it does not care which thread writes, or whether that thread
 * is still alive.
 */
public final class InputQueue extends InputStream {
  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int pos;
  private volatile boolean ended;

  public void offer(byte[] bytes) {
    if (!ended && bytes.length > 0) {
      queue.add(bytes.clone());
    }
  }

  /** End of input (the reader sees -1 once what was offered is consumed). */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      queue.add(END);
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos >= current.length) {
      if (current == END) {
        return -1;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      pos = 0;
      if (current == END) {
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
