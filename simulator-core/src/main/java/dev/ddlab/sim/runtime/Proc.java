package dev.ddlab.sim.runtime;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One simulated process as its program sees it: a small, honest slice of what Linux gives a
 * process. Implemented by the container runtime (and by the host for host processes).
 */
public interface Proc {
  List<String> argv();

  Map<String, String> env();

  String cwd();

  void cwd(String path);

  /** The PID inside its PID namespace (1 for a container's main process). */
  int pid();

  /** The PID the host sees (docker top). */
  int hostPid();

  String user();

  /** Hostname of the UTS namespace. */
  String hostname();

  /** The root filesystem the process sees. */
  FileSystem fs();

  /** Whether stdout is the terminal. */
  boolean tty();

  /**
   * The terminal of the process's session (a container's TTY, an exec's), or null: inherited by
   * every child, whether or not its own stdin or stdout is redirected.
   */
  default Pty pty() {
    return null;
  }

  /** Whether stdin is the terminal {@link #pty} (not a pipe, a file or nothing). */
  default boolean stdinTty() {
    return false;
  }

  void out(String text);

  void err(String text);

  /** Ends the process with this status; further output is dropped. */
  void exit(int status);

  boolean exited();

  /**
   * Whether a signal ended it (waitpid's WIFSIGNALED): SIGKILL, or a signal whose action ended it
   * with 128+n; false for a process that exited with such a status itself.
   */
  default boolean signaled() {
    return false;
  }

  VirtualClock clock();

  SeededRandom random();

  /** A timer on the virtual clock, cancelled automatically when the process exits. */
  VirtualClock.Timer after(Duration delay, Runnable action);

  /**
   * As {@link #after}, for a step of CPU work the process burns ({@link VirtualClock#scheduleCpu}:
   * held while the session's CPU slice is spent).
   */
  default VirtualClock.Timer afterCpu(Duration delay, Runnable action) {
    return after(delay, action);
  }

  /**
   * Starts a child process in the same container/namespaces, running the executable found for
   * argv[0] (PATH lookup through {@link #fs()}); {@code onExit} gets its status. Returns the child,
   * or null when the executable is not found (the caller prints its own "not found" error). The
   * child's stdout/stderr go to this process's unless redirected by {@code io}.
   */
  Proc spawn(List<String> argv, Map<String, String> env, ProcIo io, IntConsumer onExit);

  /**
   * A line written to this process's stdin (without its newline), delivered to its program's {@link
   * Program#stdin}: how a shell feeds a pipe into a child it spawned, or forwards what is typed at
   * the terminal to its foreground child. Ignored once the process exited.
   */
  default void input(String line) {}

  /**
   * Data written to this process's stdin through a pipe, as it comes (lines, or a last line without
   * its newline), delivered to {@link Program#stdinData}. Ignored once the process exited.
   */
  default void feed(String data) {
    for (String line : Program.lines(data)) {
      input(line);
    }
  }

  /** Closes this process's stdin ({@link Program#stdinClosed}): the end of a pipe, or Ctrl-D. */
  default void closeInput() {}

  /**
   * The prompt its program shows while it waits for input ("", or "/ # "): a shell shows the one of
   * the interactive program it runs in the foreground.
   */
  default String prompt() {
    return "";
  }

  /** Whether its program waits for a line of input ({@link Program#readingInput}). */
  default boolean readingInput() {
    return false;
  }

  /** Whether a terminal echoes what is typed to it ({@link Program#echoes}). */
  default boolean echoes() {
    return true;
  }

  /**
   * execve(2): replaces this process's program with the executable found for argv[0], keeping its
   * PID (what an entrypoint script's {@code exec "$@"} does). Returns false, changing nothing, when
   * the executable is not found.
   */
  default boolean exec(List<String> argv) {
    return false;
  }

  /**
   * execve(2) with its own environment ({@code env -i A=1 PROG}): as {@link #exec(List)}, PATH
   * looked up in {@code env}; null when the program now runs, else why it could not.
   */
  default Executables.Failure exec(List<String> argv, Map<String, String> env) {
    return Executables.Failure.NOT_FOUND_IN_PATH;
  }

  /**
   * dup2(2) for good: from now on this process writes its stdout and stderr where {@code io} says
   * (a null field: unchanged), as a shell's {@code exec >log 2>&1} leaves them for the program it
   * then execs. False, changing nothing, when the process cannot.
   */
  default boolean redirect(ProcIo io) {
    return false;
  }

  /** The resource limits this process runs under (its container's). */
  default Rlimits rlimits() {
    return Rlimits.container();
  }

  /**
   * The cgroup this process's tasks count in, for a shell's own forks (background jobs); null when
   * nothing limits them.
   */
  default Cgroup cgroup() {
    return null;
  }

  /**
   * Sets the memory this process holds (its resident set: a shell's variables and buffers), charged
   * to its cgroup. False when that would take the cgroup over its memory.max: the OOM killer has
   * then killed this process (SIGKILL, status 137) and the caller must stop at once.
   */
  default boolean rss(long bytes) {
    return true;
  }

  /** Its standard output's end when writes there can fail (a pipe, a file); null otherwise. */
  default OutputEnd stdoutEnd() {
    return null;
  }

  /** The processes of this PID namespace, for ps. */
  List<ProcessInfo> processes();

  /** Sends a signal to a process of this namespace by in-namespace PID; false when none. */
  boolean kill(int pid, Signal signal);

  /**
   * Opens a listening TCP port in this process's network namespace (a server program serving HTTP);
   * it closes when the process exits. The default refuses: only runtime processes have a network
   * namespace.
   */
  default void listen(int port, HttpHandler handler) {
    listen(port, handler, List.of("0.0.0.0"));
  }

  /**
   * {@link #listen(int, HttpHandler)} with the addresses the program binds as {@code netstat} shows
   * them: "0.0.0.0", "::" (one dual-stack socket, as Go, Node.js and busybox httpd open),
   * "127.0.0.1"; nginx's image opens "0.0.0.0" and "::".
   */
  default void listen(int port, HttpHandler handler, List<String> addresses) {
    listen(port, handler, addresses, SOMAXCONN);
  }

  /** The kernel's cap on a listen backlog (net.core.somaxconn), which Go's listeners ask for. */
  int SOMAXCONN = 4096;

  /**
   * {@link #listen(int, HttpHandler, List)} with the program's listen() backlog, which {@code ss}
   * shows as a listening socket's Send-Q (nginx 511, Python's http.server 5).
   */
  default void listen(int port, HttpHandler handler, List<String> addresses, int backlog) {
    throw new UnsupportedOperationException("no network namespace");
  }

  /**
   * A raw TCP exchange from this process's namespace ({@code nc}): {@code data} sent, the server's
   * bytes until it closes; {@code done} hears it once its virtual time has passed. The default has
   * no network.
   */
  default void tcp(
      String host,
      int port,
      byte[] data,
      long limitNanos,
      java.util.function.Consumer<TcpOutcome> done) {
    done.accept(TcpOutcome.failed(null, new NetException(NetException.Kind.UNREACHABLE, host)));
  }

  /** The TCP ports this process's network namespace listens on, ascending (netstat). */
  default java.util.Collection<NetNamespace.Listener> listeners() {
    return List.of();
  }

  /**
   * Sends one HTTP request from this process's network namespace to host:port (a name or an IPv4
   * address), as curl or wget would.
   *
   * @throws NetException when the name does not resolve or nothing answers
   */
  default HttpResponse http(String host, int port, HttpRequest request) {
    throw new NetException(NetException.Kind.UNREACHABLE, host);
  }

  /**
   * The same request, answered through {@code done} once the exchange's virtual time has passed
   * (never if the process exits first). The default answers at once.
   */
  default void http(
      String host, int port, HttpRequest request, java.util.function.Consumer<HttpOutcome> done) {
    done.accept(HttpOutcome.of(() -> http(host, port, request)));
  }

  /**
   * Resolves a host name the way this process's resolver would (/etc/hosts, then Docker's embedded
   * DNS on user-defined networks); empty when unknown.
   */
  default java.util.Optional<String> resolve(String name) {
    return java.util.Optional.empty();
  }

  /**
   * Sends one ICMP echo request from this process's network namespace to an IPv4 address (what ping
   * does once a second).
   */
  default NetAccess.Echo echo(String ip) {
    return ip.startsWith("127.") ? NetAccess.Echo.REPLY : NetAccess.Echo.NO_ROUTE;
  }

  /**
   * One echo request with its identifier, sequence, size and TTL from a socket with the
   * IP_MTU_DISCOVER setting {@code pmtu}, and what came back.
   */
  default NetAccess.EchoReply ping(
      String ip, int id, int seq, int size, int ttl, NetAccess.PmtuDisc pmtu) {
    NetAccess.Echo e = echo(ip);
    return new NetAccess.EchoReply(e, 0, e == NetAccess.Echo.REPLY ? 64 : 0);
  }

  /**
   * Whether this process's network namespace has a way out to the internet's mirrors (package
   * managers): a default route, as the lab's nodes reach the world through their gateway.
   */
  default boolean reachesInternet() {
    return false;
  }

  /** The source address of a socket of this process towards {@code dst}, if it has a route. */
  default java.util.Optional<String> sourceAddress(String dst) {
    return java.util.Optional.empty();
  }

  /**
   * This process's network namespace in the node's stack, if it is a {@code type} (see NetAccess).
   */
  default <T> java.util.Optional<T> netns(Class<T> type) {
    return java.util.Optional.empty();
  }

  /**
   * Where a child's stdio goes (pipes, redirections). Null fields inherit the parent's. A child
   * whose {@code out} is given writes into a pipe or file, not the terminal: its {@link #tty()} is
   * false, so ls prints one name per line as it does in {@code ls | wc -l}.
   */
  record ProcIo(
      java.util.function.Consumer<String> out,
      java.util.function.Consumer<String> err,
      boolean inRedirected) {
    /** A child whose stdin is the spawner's (the terminal when that is one). */
    public ProcIo(
        java.util.function.Consumer<String> out, java.util.function.Consumer<String> err) {
      this(out, err, false);
    }
  }

  /** One row of the process table. */
  record ProcessInfo(
      int pid, int ppid, int hostPid, String user, String command, long startedNanos, char state) {}
}
