package dev.ddlab.sim.swarm.raft;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ByteArrayOutputStream} without its locks (every method of which is {@code
 * synchronized}): the WAL's pending records and each encoded message are written by the simulator's
 * one thread, a few bytes at a time ({@code DataOutputStream.writeInt} is four writes), and the
 * uncontended locks were a tenth of a Raft commit's CPU.
 */
final class ByteSink extends ByteArrayOutputStream {
  ByteSink() {
    super();
  }

  ByteSink(int size) {
    super(size);
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  @Override
  public void writeBytes(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void reset() {
    count = 0;
  }

  @Override
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }

  @Override
  public int size() {
    return count;
  }

  private void ensure(int n) {
    if (n > buf.length - count) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
    }
  }
}
