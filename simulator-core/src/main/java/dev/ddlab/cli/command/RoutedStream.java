package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A stream without a TTY whose stdout and stderr the docker CLI writes to its own stdout and stderr
 * (docker/cli's stdcopy.StdCopy into os.Stdout and os.Stderr): {@code docker run alpine sh -c 'echo
 * out; echo err >&2' 2>/dev/null} shows only {@code out}. Whoever reads the stream (the terminal, a
 * background job, a caller following it) moves its output there, each piece in the order the
 * process wrote it; {@link #read} itself then gives nothing, as everything is already written.
 * Everything else goes to the stream.
 */
final class RoutedStream implements Attachment {
  private final Attachment a;
  private final Consumer<String> out;
  private final Consumer<String> err;

  /** {@code a} has said yes to {@link Attachment#splitStderr}. */
  RoutedStream(Attachment a, Consumer<String> out, Consumer<String> err) {
    this.a = a;
    this.out = out;
    this.err = err;
  }

  @Override
  public String read() {
    a.read(out, err);
    return "";
  }

  @Override
  public boolean splitStderr() {
    return true;
  }

  @Override
  public int read(Consumer<String> ignoredOut, Consumer<String> ignoredErr) {
    return a.read(out, err);
  }

  @Override
  public boolean follow(Duration max, Consumer<String> ignored) {
    return a.follow(max, out, err);
  }

  @Override
  public boolean follow(Duration max, Consumer<String> ignoredOut, Consumer<String> ignoredErr) {
    return a.follow(max, out, err);
  }

  @Override
  public void write(String input) {
    a.write(input);
  }

  @Override
  public void closeInput() {
    a.closeInput();
  }

  @Override
  public String prompt() {
    return a.prompt();
  }

  @Override
  public boolean echoes() {
    return a.echoes();
  }

  @Override
  public boolean readingInput() {
    return a.readingInput();
  }

  @Override
  public void pipedInput() {
    a.pipedInput();
  }

  @Override
  public void resize(int columns, int rows) {
    a.resize(columns, rows);
  }

  @Override
  public boolean awaitExit(Duration max) {
    return a.awaitExit(max);
  }

  @Override
  public long awaitOutput(Duration max) {
    return a.awaitOutput(max);
  }

  @Override
  public boolean isClosed() {
    return a.isClosed();
  }

  @Override
  public boolean inSessionTime() {
    return a.inSessionTime();
  }

  @Override
  public Integer exitCode() {
    return a.exitCode();
  }

  @Override
  public boolean interrupt() {
    return a.interrupt();
  }

  @Override
  public void close() {
    a.close();
  }
}
