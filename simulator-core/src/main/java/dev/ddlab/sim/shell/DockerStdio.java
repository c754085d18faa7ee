package dev.ddlab.sim.shell;

import dev.ddlab.client.CommandIo;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The stdio of one docker command the host shell runs: its output and errors go to the command's
 * streams, and its stdin (a pipe or a file, else the terminal) is read line by line as docker reads
 * it, the rest staying for the next reader, or handed over as the pipe delivers it ({@link
 * #pumpStdin}: {@code (echo a; sleep 1; echo b) | docker run -i alpine cat}).
 */
final class DockerStdio implements CommandIo {
  private final Io io;
  private final Map<String, String> env;
  private final Stdin stdin;
  private final List<Long> ttySize;
  private final boolean background;

  /**
   * {@code ttySize}: the terminal's rows and columns when stdout is the terminal, else 0 0; {@code
   * background}: the command runs in a job ({@code &}).
   */
  DockerStdio(Io io, Map<String, String> env, List<Long> ttySize, boolean background) {
    this.io = io;
    this.env = env;
    this.stdin = io.in();
    this.ttySize = ttySize;
    this.background = background;
  }

  @Override
  public void out(String text) {
    io.out().accept(text);
  }

  @Override
  public void err(String text) {
    io.err().accept(text);
  }

  @Override
  public String readLine() {
    String line = stdin == null ? null : stdin.line();
    return line == null || !line.endsWith("\n") ? line : line.substring(0, line.length() - 1);
  }

  @Override
  public String readAll() {
    // as it is: a last line without its newline stays so (a container's read ends 1 on it)
    return stdin == null ? "" : stdin.rest();
  }

  @Override
  public boolean isTty() {
    return stdin == null;
  }

  @Override
  public boolean streamsStdin() {
    return stdin != null && stdin.open();
  }

  @Override
  public void pumpStdin(Consumer<String> data, Runnable end, BooleanSupplier stop) {
    stdin.pump(data, end, stop);
  }

  @Override
  public boolean streamsOut() {
    return io.out() instanceof Pipe; // as HostShell.docker hands such a stream to PipedStreams
  }

  @Override
  public boolean inBackground() {
    return background; // as HostShell.docker hands such a stream to JobControl
  }

  @Override
  public Map<String, String> environment() {
    return env == null ? Map.of() : env;
  }

  @Override
  public int columns() {
    return 0;
  }

  @Override
  public List<Long> ttySize() {
    return ttySize;
  }
}
