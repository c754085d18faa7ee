package dev.ddlab.bridge.api;

import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.engine.Attachment;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Moves bytes between an {@link Attachment} and a client connection: what the client sends goes to
 * the process's stdin, what the process prints goes back (without a TTY framed as stdout and
 * stderr, as the process wrote each, so the docker CLI writes the container's stderr to its own
 * stderr: {@code docker run alpine sh -c 'echo e >&2' 2>/dev/null} shows nothing). The engine is
 * only touched under the server's lock, a short step at a time, so a served simulator keeps
 * answering other requests while a container is attached.
 */
final class AttachPump {
  private static final Duration STEP = Duration.ofMillis(20);

  private final Attachment attachment;
  private final Object lock;
  private final boolean multiplexed;

  AttachPump(Attachment attachment, Object lock, boolean multiplexed) {
    this.attachment = attachment;
    this.lock = lock;
    this.multiplexed = multiplexed;
  }

  /** The content type of a process's stream: raw with a TTY, multiplexed frames without. */
  static String contentType(boolean tty) {
    return tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
  }

  /** Streams {@code a} as a plain 200 body (a client that did not ask to upgrade). */
  static void serve(Context ctx, Attachment a, boolean tty, Object lock) throws IOException {
    ctx.status(200);
    ctx.contentType(contentType(tty));
    OutputStream out = ctx.res().getOutputStream();
    out.flush();
    new AttachPump(a, lock, !tty).run(null, out);
  }

  /** Appends {@code text} as the client gets it: a frame of {@code stream}, or raw with a TTY. */
  private void frame(ByteArrayOutputStream to, int stream, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    to.writeBytes(multiplexed ? StdStream.frame(stream, bytes) : bytes);
  }

  /** Runs until the process ends, the engine closes the stream or the client goes away. */
  void run(InputStream clientIn, OutputStream clientOut) {
    ConcurrentLinkedQueue<String> typed = new ConcurrentLinkedQueue<>();
    if (clientIn != null) {
      Thread reader =
          new Thread(
              () -> {
                byte[] buf = new byte[4096];
                try {
                  for (int n = clientIn.read(buf); n >= 0; n = clientIn.read(buf)) {
                    typed.add(new String(buf, 0, n, StandardCharsets.UTF_8));
                  }
                  typed.add(
                      ""); // the client's CloseWrite (a piped stdin ended); reads are never empty
                } catch (IOException e) {
                  // the client closed its side
                }
              },
              "ddlab-api-stdin");
      reader.setDaemon(true);
      reader.start();
    }
    if (multiplexed) {
      synchronized (lock) {
        attachment.splitStderr();
      }
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      while (true) {
        boolean closed;
        synchronized (lock) {
          for (String in = typed.poll(); in != null; in = typed.poll()) {
            if (in.isEmpty()) {
              attachment.closeInput();
            } else {
              attachment.write(in);
            }
          }
          attachment.awaitExit(Duration.ZERO);
          attachment.read(
              text -> frame(output, StdStream.STDOUT, text),
              text -> frame(output, StdStream.STDERR, text));
          closed = attachment.isClosed();
        }
        if (output.size() > 0) {
          output.writeTo(clientOut);
          output.reset();
          clientOut.flush();
        }
        if (closed) {
          break;
        }
        Thread.sleep(STEP.toMillis());
      }
    } catch (IOException e) {
      // the client went away: detach, as the daemon does
      synchronized (lock) {
        attachment.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
