package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.OutputEnd;
import dev.ddlab.sim.runtime.Proc.ProcessInfo;
import dev.ddlab.sim.runtime.Signal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What a {@link Tool} sees of the process running it. */
public interface ToolContext {
  /** The name the tool was called by (for messages: "ls: …"). */
  String argv0();

  FileSystem fs();

  String cwd();

  Map<String, String> env();

  /** stdin (null when it is the terminal and nothing was piped), stdout, stderr. */
  Io io();

  /** Busybox wording and formats rather than GNU coreutils'. */
  boolean busybox();

  String hostname();

  /** The user name the process runs as ("root", "ubuntu"). */
  String user();

  int uid();

  int gid();

  /** The primary group, then the supplementary groups /etc/group gives the user, by gid. */
  default List<Integer> groups() {
    return UserDb.groups(fs(), gid(), user());
  }

  VirtualClock clock();

  /** The process table of the tool's PID namespace. */
  List<ProcessInfo> processes();

  /** The tool's own PID. */
  int pid();

  /** kill(2) in the tool's PID namespace; false when there is no such process. */
  boolean kill(int pid, Signal signal);

  /** Whether stdout is a terminal (ls prints columns then). */
  default boolean tty() {
    return false;
  }

  /**
   * The width of the terminal (TIOCGWINSZ's columns), for ls's columns; 0 when unknown (ls then
   * takes 80).
   */
  default int columns() {
    return 0;
  }

  /**
   * Whether stdin is a terminal (isatty(0), {@code tty}'s question): at the host, unless a pipe or
   * a file was given; in a container, when it was started or exec'd with {@code -t} and stdin is
   * still that terminal.
   */
  default boolean stdinIsTerminal() {
    return !io().piped();
  }

  /** The terminal stdin is ({@code stty}'s), or null: a pipe, a file, no terminal at all. */
  default dev.ddlab.sim.runtime.Pty stdinTerminal() {
    return null;
  }

  /** Kernel release for uname -r. */
  default String kernelRelease() {
    return "6.1.0-ddlab";
  }

  /**
   * Runs {@code stop} when the user interrupts the tool (Ctrl-C) while it runs in the foreground: a
   * tool that waits for events (tcpdump) lets go of them and says goodbye. Default: never.
   */
  default void onInterrupt(Runnable stop) {}

  /**
   * Keeps a CPU busy for {@code d} of virtual time (charged to the tool's cgroup), then runs {@code
   * next}; a tool that computes without end ({@code yes}) goes round this way, so time passes and
   * Ctrl-C (or a signal, in a container) ends it: {@code next} never runs once the tool was
   * stopped. Default: a plain timer.
   */
  default void compute(java.time.Duration d, Runnable next) {
    clock().schedule(d, next);
  }

  /**
   * execve(2) with a new environment ({@code env PROG}): replaces the tool's process with {@code
   * argv}'s program, keeping its PID; null when it did (the tool must not finish then), else why
   * not. Default: a context that cannot start programs finds none.
   */
  default dev.ddlab.sim.runtime.Executables.Failure exec(
      List<String> argv, Map<String, String> env) {
    return dev.ddlab.sim.runtime.Executables.Failure.NOT_FOUND_IN_PATH;
  }

  /**
   * Runs {@code next} after {@code d} of virtual time without using a CPU (a follower's next look
   * at its file); in a container the timer ends with the process. Default: a plain timer.
   */
  default void after(java.time.Duration d, Runnable next) {
    clock().schedule(d, next);
  }

  /** Its standard output's end when writes there can fail (a pipe, a file); null otherwise. */
  default OutputEnd stdoutEnd() {
    return io().out() instanceof OutputEnd e ? e : null;
  }

  /** The node's kernel network stack (ip, iptables, ss …); null where the tool cannot see it. */
  default dev.ddlab.sim.network.dataplane.NetStack netStack() {
    return null;
  }

  /**
   * The network namespace the tool runs in (ip, ifconfig, netstat): the host's on the host, the
   * container's inside one; null where the tool cannot see the stack.
   */
  default dev.ddlab.sim.network.dataplane.Netns netns() {
    dev.ddlab.sim.network.dataplane.NetStack s = netStack();
    return s == null ? null : s.host();
  }

  /** The TCP ports the tool's network namespace listens on (netstat); none by default. */
  default java.util.Collection<dev.ddlab.sim.runtime.NetNamespace.Listener> listeners() {
    return List.of();
  }

  /** Raw TCP from where the tool runs (nc); null when there is no network. */
  default Tcp tcp() {
    return null;
  }

  /** A raw TCP exchange: {@code data} sent, the server's bytes until it closes, later. */
  @FunctionalInterface
  interface Tcp {
    void exchange(
        String host,
        int port,
        byte[] data,
        long limitNanos,
        java.util.function.Consumer<dev.ddlab.sim.runtime.TcpOutcome> done);
  }

  /** HTTP through the simulated network, for curl and wget; null when there is none. */
  default Web web() {
    return null;
  }

  /** One HTTP GET from where the tool runs (the host, or a container's network namespace). */
  @FunctionalInterface
  interface Web {
    /**
     * @throws NetException when the name does not resolve or nothing answers
     */
    HttpResponse get(String host, int port, String path);

    /** The same GET with the virtual time it took (never throws). Default: no time. */
    default HttpOutcome fetch(String host, int port, String path) {
      return HttpOutcome.of(() -> get(host, port, path));
    }

    /**
     * The same GET, answered through {@code done} once its virtual time has passed (curl and wget
     * wait for the network). Default: at once.
     */
    default void get(String host, int port, String path, Consumer<HttpOutcome> done) {
      done.accept(fetch(host, port, path));
    }
  }
}
