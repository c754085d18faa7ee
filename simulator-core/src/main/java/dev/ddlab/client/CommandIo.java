package dev.ddlab.client;

/**
 * The stdio of one CLI invocation inside a simulated shell. stdout and stderr are kept apart so
 * pipes and redirections work as in bash; {@link #readLine()} serves commands that prompt ({@code
 * docker login}, {@code docker swarm unlock}) and piped stdin.
 */
public interface CommandIo {
  void out(String text);

  void err(String text);

  /** The next line of stdin, or null at end of input. */
  default String readLine() {
    return null;
  }

  /**
   * The rest of stdin (Go's {@code io.ReadAll(os.Stdin)}): every remaining line with its newline,
   * as {@code echo} and {@code cat} wrote them; empty when nothing is piped.
   */
  default String readAll() {
    StringBuilder sb = new StringBuilder();
    for (String line = readLine(); line != null; line = readLine()) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /**
   * Whether stdin is a pipe whose writer may still write: then {@link #pumpStdin} hands it over as
   * it comes, where {@link #readAll} would only see what the pipe holds now.
   */
  default boolean streamsStdin() {
    return false;
  }

  /**
   * Hands stdin over piece by piece as the pipe delivers it ({@code data}), then calls {@code end}
   * once at its end, until {@code stop} says the reader is gone; as docker/cli's
   * holdHijackedConnection copies its stdin to the container and then closes the write side.
   */
  default void pumpStdin(
      java.util.function.Consumer<String> data,
      Runnable end,
      java.util.function.BooleanSupplier stop) {
    data.accept(readAll());
    end.run();
  }

  /**
   * Whether stdout is a pipe the shell moves a stream into as its reader takes it ({@code docker
   * run alpine yes | head -3}): a foreground process's output is then handed over as a stream
   * ({@link CliResult#attached}) rather than followed by the CLI, which could not wait for the
   * reader.
   */
  default boolean streamsOut() {
    return false;
  }

  /**
   * Whether the command runs in a background job ({@code docker run alpine sh -c 'sleep 2; echo hi'
   * &}): a foreground process's stream is then handed over at once ({@link CliResult#attached}) and
   * the shell moves it to the command's output as virtual time passes, instead of the CLI following
   * it here, which would move the session's time from inside the job's start.
   */
  default boolean inBackground() {
    return false;
  }

  /** Terminal width for tables that truncate; 0 when not a terminal. */
  default int columns() {
    return 0;
  }

  /**
   * The terminal's size as docker/cli's {@code Out().GetTtySize()} reads it: {@code [height,
   * width]} when stdout is a terminal, {@code [0, 0]} otherwise. {@code docker create} and {@code
   * run} send it as HostConfig.ConsoleSize, with or without {@code -t}.
   */
  default java.util.List<Long> ttySize() {
    return NO_TTY;
  }

  /** {@link #ttySize()} of an output that is not a terminal. */
  java.util.List<Long> NO_TTY = java.util.List.of(0L, 0L);

  /**
   * The environment of the process (the shell's exported variables and {@code VAR=x} prefixes):
   * what compose interpolates. Empty when unknown.
   */
  default java.util.Map<String, String> environment() {
    return java.util.Map.of();
  }

  /** Whether stdout is a terminal (docker run -t warns when stdin is not). */
  default boolean isTty() {
    return true;
  }
}
