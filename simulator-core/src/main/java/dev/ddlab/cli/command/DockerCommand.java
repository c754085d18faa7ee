package dev.ddlab.cli.command;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Base of every docker command: the engine, the node context and the stdio of this invocation, plus
 * docker/cli's common helpers (daemon error text, per-name loops, filters, formatting). Subclasses
 * are picocli commands; {@link #call()} returns the exit status, or a command sets {@link #result}
 * when it leaves the terminal attached to a container.
 */
public abstract class DockerCommand implements Callable<Integer> {
  protected Engine engine;
  protected CliContext ctx;
  protected CommandIo io;

  /** "docker rm" or "docker container rm", as typed. */
  protected String commandPath;

  /** Set by commands that attach the terminal (run -it, exec -it, start -ai, attach). */
  protected CliResult result;

  void bind(Engine engine, CliContext ctx, CommandIo io, String commandPath) {
    this.engine = engine;
    this.ctx = ctx;
    this.io = io;
    this.commandPath = commandPath;
    this.result = null;
  }

  /**
   * The last outputs of this (pooled) command, kept across invocations by the values they were
   * written from (never by an engine's state): made when first asked for.
   */
  private OutputCache outputs;

  /**
   * The text written from {@code key} (everything the text is a function of) as this command last
   * wrote it, or {@code write}'s, which is kept once the same key comes twice in a row ({@link
   * OutputCache#offer}).
   */
  String keptOutput(Object key, java.util.function.Supplier<String> write) {
    if (outputs == null) {
      outputs = new OutputCache();
    }
    String text = outputs.get(key);
    if (text == null) {
      text = write.get();
      outputs.offer(key, text);
    }
    return text;
  }

  /**
   * A confirmation's question waits on the terminal ({@link #confirmThen}): the command finishes on
   * the answer, so the {@link Dispatcher} neither forgets its invocation nor pools it.
   */
  private boolean awaitingAnswer;

  boolean awaitingAnswer() {
    return awaitingAnswer;
  }

  /**
   * docker/cli's PromptForConfirmation, then {@code then} when confirmed ({@code force}: at once).
   * On a terminal the question's last line is the terminal's prompt ({@link TerminalPrompt}, the
   * lines before it printed) and the line typed next answers it, {@code then} printing to the
   * terminal (in a script, the script's next line, as {@code bash < file} reads it; Ctrl-C 130, as
   * v24's CLI dies of SIGINT); from a pipe or a file its next line. "y" or "Y" (spaces around it
   * trimmed, as the 28 CLI does) goes on; any other answer or the end of input ends with 0 and
   * nothing more printed (no newline either).
   */
  protected int confirmThen(boolean force, String question, java.util.function.IntSupplier then) {
    if (force) {
      return then.getAsInt();
    }
    if (!io.isTty()) {
      io.out(question);
      return confirms(io.readLine()) ? then.getAsInt() : 0;
    }
    int nl = question.lastIndexOf('\n');
    io.out(question.substring(0, nl + 1));
    awaitingAnswer = true;
    Engine e = engine;
    CliContext c = ctx;
    String path = commandPath;
    result =
        CliResult.attached(
            new TerminalPrompt(
                question.substring(nl + 1),
                true,
                (line, prompt) -> {
                  if (!confirms(line)) {
                    return 0;
                  }
                  bind(e, c, prompt.io(), path); // this object, kept out of the pool meanwhile
                  return then.getAsInt();
                }));
    return 0;
  }

  private static boolean confirms(String answer) {
    return answer != null && answer.trim().equalsIgnoreCase("y");
  }

  /** Forgets this invocation, so a pooled command keeps nothing of it. */
  void unbind() {
    this.engine = null;
    this.ctx = null;
    this.io = null;
    this.result = null;
  }

  CliResult result() {
    return result;
  }

  protected void out(String line) {
    io.out(line + "\n");
  }

  protected void err(String line) {
    io.err(line + "\n");
  }

  /**
   * The daemon's error about one of several items (a container of {@code stop A B}), printed with
   * the others at the end; a daemon that cannot be reached ends the command at once instead.
   */
  static String itemError(EngineException e) {
    if (e.isNotConnected()) {
      throw e;
    }
    return daemonError(e);
  }

  /** The text the docker CLI prints for a daemon error. */
  public static String daemonError(EngineException e) {
    return e.isNotConnected() ? e.getMessage() : "Error response from daemon: " + e.getMessage();
  }

  /** The --format help of listing commands (flagsHelper.FormatHelp). */
  public static final String TABLE_FORMAT_HELP =
      "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

  /** The --format help of inspect-like commands (flagsHelper.InspectFormatHelp). */
  public static final String INSPECT_FORMAT_HELP =
      "Format output using a custom template:\n'json':             Print in JSON format\n"
          + "'TEMPLATE':         Print output using the given Go template.\nRefer to "
          + "https://docs.docker.com/go/formatting/ for more information about formatting output "
          + "with templates";

  /**
   * Runs op for each name, printing the name on success; errors are collected and reported at the
   * end with status 1, as docker/cli's parallelOperation users do.
   */
  protected int forEachName(List<String> names, Consumer<String> op) {
    return forEachName(names, op, this::out, e -> false);
  }

  /**
   * As {@link #forEachName(List, Consumer)}, with what to do on success and which errors are only
   * printed (docker rm -f on a missing container) instead of failing the command.
   */
  protected int forEachName(
      List<String> names,
      Consumer<String> op,
      Consumer<String> onSuccess,
      Predicate<EngineException> printedOnly) {
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        op.accept(name);
        onSuccess.accept(name);
      } catch (EngineException e) {
        if (e.isNotConnected()) {
          throw e;
        }
        if (printedOnly.test(e)) {
          err(daemonError(e));
        } else {
          errors.add(daemonError(e));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors), 1);
    }
    return 0;
  }

  /**
   * Hands an interactive attachment ({@code -i}, {@code -t}) to the terminal, unless the CLI's
   * stdin is a pipe or a file ({@code echo hi | docker run -i alpine cat}, {@code docker run -i
   * alpine sh < script.sh}): then, as docker/cli's holdHijackedConnection, everything left of it
   * goes to the process, its input is closed (CloseWrite), and the CLI follows the process to its
   * exit as without {@code -i}; the terminal's own later lines are never the container's input.
   *
   * @param stdin whether the process's stdin is attached ({@code -i} and an open stdin)
   */
  protected int attachOrFeed(Attachment a, boolean stdin) {
    if (!stdin || io.isTty()) {
      result = CliResult.attached(a);
      return 0;
    }
    if (io.streamsStdin() && a.inSessionTime()) {
      // a pipe still open ((echo a; sleep 1; echo b) | docker run -i …): the process gets each
      // piece as it comes and its end closes its input; the shell follows the process meanwhile
      // (a real daemon's process: what the pipe holds now, below, as the session cannot follow it)
      a.pipedInput();
      io.pumpStdin(a::write, a::closeInput, a::isClosed);
      result = CliResult.attached(io.streamsOut() ? a : apart(a));
      return 0;
    }
    a.write(io.readAll());
    a.closeInput();
    return followForeground(a);
  }

  /**
   * A foreground process without a terminal (run, exec and start -a without -i/-t): waits for its
   * exit (engine time, at most {@link CliContext#foregroundWait()}) and returns its code, or hands
   * the still running process to the terminal.
   */
  protected int followForeground(Attachment a) {
    if (io.streamsOut()) {
      // docker run alpine yes | head -3: the shell moves the stream into the pipe as its reader
      // takes it (the process waits meanwhile), and this command ends with the stream; a real
      // daemon's stream too, which the session waits for in wall time (HostShell.awaitStreams), so
      // the reader's close reaches it as the docker CLI's EPIPE does
      result = streamed(a);
      return 0;
    }
    if (io.inBackground()) {
      // docker run alpine sh -c 'sleep 2; echo hi' &: the shell's job control reads the stream as
      // virtual time moves, so its output comes when the container writes it, stderr apart
      result = streamed(apart(a));
      return 0;
    }
    // what it prints goes out as it comes: the stream holds one buffer, not the whole minute;
    // without a TTY its stderr goes to the CLI's stderr ({@link #apart})
    Attachment s = apart(a);
    boolean exited = s.follow(ctx.foregroundWait(), io::out);
    if (!exited) {
      result = streamed(s);
      return 0;
    }
    Integer code = a.exitCode();
    return code == null ? 0 : code;
  }

  /**
   * The stream as the CLI reads it when it is not a TTY: stdout to the CLI's stdout, stderr to its
   * stderr (docker/cli's StdCopy), whoever reads it later; a TTY's one stream as it is. A stream
   * into a pipe the shell pumps is split there (PipedStreams), so it is left as it is here.
   */
  protected Attachment apart(Attachment a) {
    return a.splitStderr() ? new RoutedStream(a, io::out, io::err) : a;
  }

  /** The still running stream this command hands over, with how it ends on a broken pipe. */
  private CliResult streamed(Attachment a) {
    return proxiesSignals() ? CliResult.proxyingSignals(a) : CliResult.attached(a);
  }

  /**
   * Whether this command proxies the signals it gets to the container (docker/cli's
   * ForwardAllSignals: {@code run} and {@code attach} unless {@code --sig-proxy=false}, {@code
   * start -a}): it catches SIGPIPE then, so a broken stdout pipe is an error it prints, not its
   * death (see {@link CliResult#brokenPipe}).
   */
  protected boolean proxiesSignals() {
    return false;
  }

  /** A prune's "Deleted …:" block: the title, one line per item, a blank line. */
  protected void printDeleted(String title, List<String> items) {
    if (items != null && !items.isEmpty()) {
      out(title);
      items.forEach(this::out);
      out("");
    }
  }

  /**
   * docker/cli's ConvertKVStringsToMap: "key=value" items into a map in their order ("key" alone
   * has the empty value), as labels and driver options are read.
   */
  public static Map<String, String> kv(List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : items) {
      int eq = s.indexOf('=');
      m.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
    }
    return m;
  }

  /** opts.FilterOpt: "key=value" entries into the API's filters map. */
  protected static Map<String, List<String>> filters(List<String> raw) {
    Map<String, List<String>> f = new LinkedHashMap<>();
    for (String s : raw == null ? List.<String>of() : raw) {
      int eq = s.indexOf('=');
      if (eq < 0) {
        throw new CliException(
            "invalid argument \""
                + s
                + "\" for \"-f, --filter\" flag: bad format of filter (expected name=value)",
            125);
      }
      String key = s.substring(0, eq).trim().toLowerCase();
      f.computeIfAbsent(key, k -> new ArrayList<>()).add(s.substring(eq + 1).trim());
    }
    return f;
  }

  /** Renders rows through a format; template errors become docker's messages. */
  /**
   * The template of a list command: {@code defaultTable} for no format or "table" ({@code {{.ID}}}
   * with -q), else the one given.
   */
  static String listFormat(String format, boolean quiet, String defaultTable) {
    if (format.isEmpty() || format.equals("table")) {
      return quiet ? "{{.ID}}" : defaultTable;
    }
    return format;
  }

  protected void print(String format, List<GoObject> rows, GoObject header) {
    io.out(formatted(format, rows, header));
  }

  /** The rows as {@link #print} prints them. */
  protected static String formatted(String format, List<GoObject> rows, GoObject header) {
    try {
      return new FormatContext(format).write(rows, header);
    } catch (FormatContext.FormatException e) {
      throw new CliException(e.getMessage(), 1);
    }
  }

  protected long now() {
    return engine.system().nowNanos();
  }
}
