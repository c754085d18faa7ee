package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.List;

/**
 * A learner's workspace: one or more nodes, a terminal per node, the transcript and the virtual
 * clock. The JLine shell, the browser terminals, scripts, labs and grading all drive the same
 * sessions through this interface, one line at a time. A session is not thread-safe: callers
 * serialise access (the web server holds one lock per session).
 */
public interface Session extends AutoCloseable {
  String id();

  long seed();

  /** Template name ("single", "swarm-3m3w", …). */
  String template();

  /** Node names in creation order ("node1", or "mgr1" … "wrk3"). */
  List<String> nodes();

  /** The address a node shows in the UI (e.g. 192.168.0.11, or 10.0.0.1 in swarm templates). */
  String nodeAddress(String node);

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

  /** Completion candidates for the partial line. */
  List<String> complete(String node, String line);

  /** Everything typed so far, in order. */
  List<TranscriptEntry> transcript();

  Engine engine(String node);

  /**
   * The simulated nodes behind this session, for what only a simulation can show (namespaces of a
   * process, layer trees, a published port's HTTP answer); empty for a real engine.
   */
  default java.util.Optional<dev.ddlab.sim.host.Cluster> cluster() {
    return java.util.Optional.empty();
  }

  /**
   * What only a simulation can show (a container's namespaces, an image's layer trees, host files
   * for checks), read-only; {@link Introspection#NONE} for a real engine.
   */
  default Introspection introspection() {
    return Introspection.NONE;
  }

  /** The virtual clock (for a real engine session, a clock that follows wall time). */
  VirtualClock clock();

  EventBus events();

  /** Lets virtual time pass (the playground maps wall time onto it). */
  void advance(Duration d);

  /** Adds a node with the next free name; returns its name. */
  String addNode();

  void removeNode(String node);

  @Override
  void close();
}
