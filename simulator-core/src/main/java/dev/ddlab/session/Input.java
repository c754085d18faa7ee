package dev.ddlab.session;

import java.util.List;

/**
 * One thing that changed a session from outside, at the virtual time it happened: what {@link
 * RecordingSession} keeps and {@link Replay} applies again to a fresh session of the same template
 * and seed. Programs reading stdin (an interactive {@code sh}, {@code docker swarm unlock}'s key)
 * read typed lines, so {@link Kind#TYPE} covers them.
 *
 * @param atNanos the virtual time the input was given (for {@link Kind#ADVANCE}: the time the clock
 *     was moved to, consecutive advances merged)
 * @param node the node it was given on ("" when none)
 * @param args its arguments as text (the line typed, a path, a peer, a latency in nanos …)
 * @param data bytes written to a file ({@link Kind#WRITE}), else empty
 */
public record Input(long atNanos, Kind kind, String node, List<String> args, byte[] data) {
  /** What the input did; the names are shown in the playground's timeline. */
  public enum Kind {
    /**
     * A line typed at the node's terminal (args: the line, then {@link #UNECHOED} when the terminal
     * did not echo it: a password, a key, {@code read -s}).
     */
    TYPE,
    /** Ctrl-C at the node's terminal. */
    INTERRUPT,
    /** The node's terminal resized (args: columns, rows). */
    RESIZE,
    /** Virtual time moved to {@code atNanos} (pause/step, the playground's ticker, a script). */
    ADVANCE,
    ADD_NODE,
    REMOVE_NODE,
    /** The node's docker.service (args: start, stop or restart). */
    DAEMON,
    /** The underlay: cut the node off. */
    ISOLATE,
    HEAL,
    /** Lose the next message from the node to args[0]. */
    DROP_NEXT,
    /** One-way latency of every message (args: nanos). */
    LATENCY,
    /**
     * The manager {@code node} made to start an election now ({@link NetworkFaults#forceElection}).
     */
    FORCE_ELECTION,
    /** A file written on the node's host (args: path, "append" or "replace"; data). */
    WRITE,
    /** A directory made (args: path, "parents" or ""). */
    MKDIR,
    /** A path removed (args: path, "recursive" or ""). */
    REMOVE,
    /** A symbolic link (args: target, link). */
    SYMLINK,
    /** A file copied (args: from, to). */
    COPY,
    /** A rename (args: from, to). */
    RENAME,
    /** A chmod (args: path, mode in decimal). */
    CHMOD,
    /** An HTTP GET to a port the node publishes (args: port, target): apps may count hits. */
    PUBLISHED_PORT,
    /** An HTTP GET from the node (args: host, port, target). */
    GET
  }

  /** The second argument of a {@link Kind#TYPE} the terminal did not echo. */
  public static final String UNECHOED = "unechoed";

  public Input {
    args = List.copyOf(args);
    data = data == null ? new byte[0] : data.clone();
  }

  static Input of(long at, Kind kind, String node, String... args) {
    return new Input(at, kind, node, List.of(args), null);
  }

  public String arg(int i) {
    return args.get(i);
  }

  /** A typed line the terminal did not echo: a screen or a list must not show it. */
  public boolean unechoed() {
    return kind == Kind.TYPE && args.size() > 1 && UNECHOED.equals(args.get(1));
  }

  /** Whether the input is the clock moving (not something a learner did). */
  public boolean isAdvance() {
    return kind == Kind.ADVANCE;
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** How many bytes {@link #data()} holds. */
  public int dataLength() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Input i
        && i.atNanos == atNanos
        && i.kind == kind
        && i.node.equals(node)
        && i.args.equals(args)
        && java.util.Arrays.equals(i.data, data);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(atNanos, kind, node, args, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Input[" + atNanos + " " + kind + " " + node + " " + args + "]";
  }
}
