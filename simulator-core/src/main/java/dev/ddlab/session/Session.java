package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A learner's workspace: one or more nodes, a terminal per node, the transcript and virtual time.
 * The JLine shell, the browser terminals, scripts, labs and grading all drive the same sessions
 * through this interface, one line at a time. Each node runs over a {@link NodeBackend} (simulated,
 * or the learner's client in front of a real engine); what only a simulation can show comes from
 * {@link #introspection()}. A session is not thread-safe: callers serialise access (the web server
 * holds one lock per session).
 */
public interface Session extends AutoCloseable {
  String id();

  long seed();

  /** The {@link Template}'s name ("single", "swarm-3m3w", …). */
  String template();

  /** Node names in creation order ("node1", or "mgr1" … "wrk3"). */
  List<String> nodes();

  /**
   * The node's backend: its engine, host files, Docker service and published ports.
   *
   * @throws IllegalArgumentException for a node the session does not have
   */
  NodeBackend node(String node);

  /** The address a node shows in the UI (e.g. 192.168.0.11, or 10.0.0.1 in swarm templates). */
  default String nodeAddress(String node) {
    return node(node).address();
  }

  /** The engine the node's {@code docker} talks to. */
  default Engine engine(String node) {
    return node(node).engine();
  }

  /** The prompt a terminal on this node currently shows ("ubuntu@node1:~$ ", "/ # "). */
  String prompt(String node);

  /**
   * Types one line at the node's terminal, as a learner would press Enter, and returns what it
   * produced. Never throws for bad input: errors are output with a non-zero exit code.
   */
  TranscriptEntry type(String node, String line);

  /** Ctrl-C at the node's terminal (interrupts a foreground command, or clears the line). */
  TranscriptEntry interrupt(String node);

  /**
   * Whether the node's terminal is attached to a container's stream (after {@code docker run -it},
   * {@code exec -it}, {@code start -ai}, {@code attach}) rather than at the host shell. Ctrl-D is
   * then end-of-input for the container, not the end of the terminal.
   */
  default boolean isAttached(String node) {
    return false;
  }

  /**
   * Whether the node's terminal echoes the next typed line: false while a password or key is asked
   * ({@code docker login}'s Password, {@code read -s} at the host), so a screen shows nothing typed
   * and the transcript and the time bar keep nothing of it (a recording still replays it).
   */
  default boolean echoes(String node) {
    return true;
  }

  /**
   * What the node's terminal printed since {@link #type}/{@link #interrupt} last returned that no
   * earlier call handed out: a foreground still running (a loop with {@code sleep}, {@code docker
   * logs -f}, an attached container) printing as virtual time passes, for a screen that shows it
   * between keys (the playground's push). Only the screen's: the next entry {@link #type} returns
   * still carries it whole (the transcript does not depend on when a screen asked), and {@link
   * #shownOutput} says how much of that entry's output the screen already has.
   */
  default String unshownOutput(String node) {
    return "";
  }

  /**
   * Whether {@link #unshownOutput} has something for the node: cheap, for a ticker that asks every
   * beat (a background job printing at an idle prompt, a busy line's partial line).
   */
  default boolean outputPending(String node) {
    return false;
  }

  /**
   * Of the output of the entry {@link #type} or {@link #interrupt} last returned for the node, how
   * many leading characters {@link #unshownOutput} had already handed out.
   */
  default int shownOutput(String node) {
    return 0;
  }

  /**
   * Lets a wall-clock ticker move this session's virtual time (the playground; set before the first
   * input, and the same on a replay of it): a typed line then does not wait out a host {@code
   * sleep} nor a foreground that waits longer than {@code TerminalSession.TICKER_HORIZON} (an
   * attached {@code docker run alpine sleep 30}, {@code docker logs -f}, {@code timeout 60 docker
   * events}): it returns with the terminal busy, and {@link #advance} moves it on at the page's
   * speed. Sessions without a ticker (scripts, labs, grading, {@code ddlab shell}) settle each line
   * as before.
   */
  default void followTicker() {}

  /**
   * The node's terminal now shows {@code rows} of {@code columns} (the page's terminal resized):
   * the host's {@code stty size}, {@code tput cols}, bash's {@code $COLUMNS}, the ConsoleSize of a
   * container run from then on, and an attached container's process gets SIGWINCH, as a pty would.
   */
  default void resize(String node, int columns, int rows) {}

  /** Completion candidates for the partial line. */
  List<String> complete(String node, String line);

  /**
   * Everything typed so far, in order: every command with its node, prompt, exit code and time, and
   * the session's last outputs (about a mebibyte in all; an older output gives way to a newer one
   * and then reads as a note of how much was cut). The entry {@link #type} returns has the whole
   * output.
   */
  List<TranscriptEntry> transcript();

  /**
   * What only a simulation can show (a container's namespaces, an image's layer trees, host files
   * for checks), read-only; {@link Introspection#NONE} for a real engine.
   */
  default Introspection introspection() {
    return Introspection.NONE;
  }

  /**
   * Faults to inject into the network joining the nodes (the Raft panel's isolate, heal, drop,
   * latency); {@link NetworkFaults#NONE} when there is no simulated network.
   */
  default NetworkFaults networkFaults() {
    return NetworkFaults.NONE;
  }

  /**
   * Virtual time now, in nanoseconds since the epoch (a real engine's session follows the wall).
   */
  long nowNanos();

  /** Virtual time now. */
  default Instant now() {
    return Instant.ofEpochSecond(0, nowNanos());
  }

  /** Lets virtual time pass (the playground maps wall time onto it). */
  void advance(Duration d);

  /** What happens on the nodes, for panels and transcripts. */
  EventBus events();

  /**
   * Adds a node with the next free name; returns its name.
   *
   * @throws IllegalStateException with a Vietnamese reason when the session cannot grow (one real
   *     engine is one node)
   */
  String addNode();

  void removeNode(String node);

  @Override
  void close();
}
