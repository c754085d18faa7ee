package dev.ddlab.bridge.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Engine API's multiplexed stream (logs, attach and exec of a container without a TTY): each
 * frame is an 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr), three zero bytes, the
 * payload size as a big-endian uint32 — then the payload. With a TTY the stream is raw bytes.
 */
public final class StdStream {
  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  private StdStream() {}

  /** One frame of a multiplexed stream. */
  public record Frame(int stream, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    public String streamName() {
      return stream == STDERR ? "stderr" : "stdout";
    }
  }

  /** Header and payload of one frame. */
  public static byte[] frame(int stream, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
    int n = payload.length;
    out.write(stream);
    out.write(0);
    out.write(0);
    out.write(0);
    out.write((n >>> 24) & 0xff);
    out.write((n >>> 16) & 0xff);
    out.write((n >>> 8) & 0xff);
    out.write(n & 0xff);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  public static byte[] frame(int stream, String text) {
    return frame(stream, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads frames one by one from a multiplexed stream. */
  public static final class Reader {
    private final DataInputStream in;

    public Reader(InputStream in) {
      this.in = new DataInputStream(in);
    }

    /** The next frame, or null at the end of the stream. */
    public Frame next() throws IOException {
      int type = in.read();
      if (type < 0) {
        return null;
      }
      byte[] header = new byte[7];
      try {
        in.readFully(header);
      } catch (EOFException e) {
        throw new IOException("truncated stream frame header", e);
      }
      int size =
          ((header[3] & 0xff) << 24)
              | ((header[4] & 0xff) << 16)
              | ((header[5] & 0xff) << 8)
              | (header[6] & 0xff);
      byte[] payload = new byte[size];
      in.readFully(payload);
      return new Frame(type, payload);
    }
  }
}
