package dev.ddlab.engine;

import java.time.Duration;

/**
 * The stdio of a running process (a container's PID 1 after attach/run, or an exec), as the CLI
 * sees it over the hijacked Engine API connection.
 *
 * <p>For the simulated engine everything is synchronous and deterministic: {@link #write} runs what
 * the process does with the input before returning, and {@link #awaitExit} advances virtual time. A
 * real engine does the same over a socket with real time.
 */
public interface Attachment extends AutoCloseable {
  /** Output produced since the last call (stdout and stderr interleaved as a TTY shows them). */
  String read();

  /**
   * A client that is not a terminal ({@code docker logs -f web | grep GET}) asks for the process's
   * stderr apart from its stdout, as a non-TTY stream carries them: from then on {@link #read}
   * gives stdout only and {@link #readStderr} the rest. False (nothing changes) when the stream
   * cannot tell them apart (a TTY merges them).
   */
  default boolean splitStderr() {
    return false;
  }

  /** Stderr written since the last call, once {@link #splitStderr} said yes; else "". */
  default String readStderr() {
    return "";
  }

  /**
   * Hands what was written since the last call to {@code out} and, once {@link #splitStderr} said
   * yes, stderr to {@code err}: a simulated stream in the order the process wrote it (so a client
   * whose stdout and stderr are one terminal shows them as written), a real one stderr first.
   *
   * @return the number of characters handed on
   */
  default int read(
      java.util.function.Consumer<String> out, java.util.function.Consumer<String> err) {
    String errors = readStderr();
    if (!errors.isEmpty()) {
      err.accept(errors);
    }
    String text = read();
    if (!text.isEmpty()) {
      out.accept(text);
    }
    return errors.length() + text.length();
  }

  /** Sends input; for line-oriented simulated programs a line ends with '\n'. */
  void write(String input);

  /**
   * Ends the process's input, as docker/cli's CloseWrite does once a piped or redirected stdin is
   * exhausted ({@code echo hi | docker run -i alpine cat}): the process reads the end of its input
   * and the output keeps coming until it exits. Nothing happens when stdin is not attached.
   */
  default void closeInput() {}

  /**
   * What the attached interactive program shows while it waits for a line ("/ # ", "root@abc:/# "),
   * or "" when it is not waiting or the engine cannot tell (a real engine). Simulated programs do
   * not print their prompt into the output; a terminal shows this before the next line.
   */
  default String prompt() {
    return "";
  }

  /**
   * Whether the terminal echoes what is typed now: false while a password or key is read without
   * echo ({@code docker login}'s Password, {@code docker swarm unlock}'s key).
   */
  default boolean echoes() {
    return true;
  }

  /**
   * Whether the process waits for the next typed line without showing a prompt (a container shell's
   * {@code read}): the terminal then waits for the learner, not for virtual time.
   */
  default boolean readingInput() {
    return false;
  }

  /**
   * The stream's input is a pipe the CLI pumps ({@code (echo a; sleep 1; echo b) | docker run -i
   * …}), not the terminal: a process waiting to read then waits for the pipe, not the learner.
   */
  default void pipedInput() {}

  /** Terminal size, for TTY attachments. */
  default void resize(int columns, int rows) {}

  /**
   * Waits until the process exits or {@code max} elapses (virtual time in the simulator).
   *
   * @return true when the process has exited
   */
  boolean awaitExit(Duration max);

  /**
   * Waits as {@link #awaitExit} does while handing {@code out} what the process prints as it comes:
   * a client that reads while it waits ({@code docker run alpine yes} without a terminal). A
   * simulated stream holds only a bounded buffer and holds the process back while it is full, so a
   * caller that means to read everything follows the process with this, not with {@code awaitExit}
   * and one read at the end.
   *
   * @return true when the process has exited
   */
  default boolean follow(Duration max, java.util.function.Consumer<String> out) {
    boolean exited = awaitExit(max);
    String text = read();
    if (!text.isEmpty()) {
      out.accept(text);
    }
    return exited;
  }

  /**
   * {@link #follow(Duration, java.util.function.Consumer)} with stderr handed to {@code err} (a
   * client that asked for {@link #splitStderr}: the docker CLI without a TTY).
   */
  default boolean follow(
      Duration max,
      java.util.function.Consumer<String> out,
      java.util.function.Consumer<String> err) {
    boolean exited = follow(max, out);
    String errors = readStderr();
    if (!errors.isEmpty()) {
      err.accept(errors);
    }
    return exited;
  }

  /**
   * Waits in the engine's own time, at most {@code max}, until something can be read or the stream
   * ended: a real daemon's process runs in wall time that a session's virtual time does not move,
   * so a session whose line waits only for such a stream ({@code docker run busybox yes | head -3}
   * through the bridge) waits here. A simulated stream moves with virtual time and answers at once.
   *
   * @return how long it waited, in nanoseconds of the engine's time (0 for a simulated stream),
   *     when something can be read or the stream ended; -1 when nothing came within {@code max}
   */
  default long awaitOutput(Duration max) {
    return isClosed() ? 0 : -1;
  }

  /** True once the process exited or the stream was closed by the engine. */
  boolean isClosed();

  /**
   * Whether the process runs in the session's own virtual time (a simulated process): a CLI may
   * then hand it piped stdin as the pipe delivers it and let the session follow it to its end. A
   * real daemon's process runs in wall time that a session's line does not wait for, so its CLI
   * sends what the pipe holds, closes the input and waits for the exit.
   */
  default boolean inSessionTime() {
    return false;
  }

  /** The exit code once the process exited; null while it runs or after a detach. */
  Integer exitCode();

  /**
   * The client program got SIGINT or SIGTERM while its stream ran in the background ({@code kill
   * %1} of {@code docker compose up &}): true when it winds down as on Ctrl-C and closes the stream
   * itself later (compose stops its containers), false when the client just ends (the caller then
   * closes the stream).
   */
  default boolean interrupt() {
    return false;
  }

  /** Detaches (Ctrl-P Ctrl-Q, or the end of a non-interactive read) without stopping anything. */
  @Override
  void close();
}
