package dev.ddlab.session;

import dev.ddlab.fs.FileSystem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a session at an earlier moment: a fresh session of the same template and seed, the
 * recorded {@link Input}s applied again in order at their virtual times, the clock advanced between
 * them (in one step each: advancing in one step or in many gives the same state, {@code
 * ReplayDeterminismTest}). The simulator being deterministic, the result is the session as it was
 * then, transcript and introspection included. A moment that falls while a typed command was
 * running lands at that command's end, the first moment the session waited for input again.
 *
 * <p>Replaying costs about what the original run cost in simulation work (the virtual time in
 * between is skipped as the original skipped it); see docs/design/web-playground.md for figures.
 */
public final class Replay {
  private Replay() {}

  /** Opens a fresh session (the playground's session factory, {@link SimSession#open}). */
  @FunctionalInterface
  public interface Opener {
    Session open(String template, long seed);
  }

  /**
   * A replayed session (recording again, its inputs the ones applied) and what each node's terminal
   * showed: each typed line after its prompt and its output, as the playground's REPL prints them.
   */
  public record Result(RecordingSession session, Map<String, String> screens, int applied) {}

  /** The replay diverged from the recording: the simulator was not deterministic. */
  public static final class DivergedException extends IllegalStateException {
    DivergedException(String message) {
      super(message);
    }
  }

  /**
   * Replays the first {@code count} inputs given at or before {@code untilNanos} (an advance of
   * time only up to it; {@code count} tells inputs of the same time apart), then advances the clock
   * to {@code untilNanos} if it is not past it.
   *
   * @throws DivergedException when the replay does not follow the recording (an input's time
   *     already passed, a node added under another name)
   */
  public static Result replay(
      Opener opener, String template, long seed, List<Input> inputs, int count, long untilNanos) {
    RecordingSession s = new RecordingSession(opener.open(template, seed));
    Map<String, StringBuilder> screens = new LinkedHashMap<>();
    int applied = 0;
    try {
      for (Input in : inputs) {
        if (applied >= count) {
          break;
        }
        if (in.isAdvance()) {
          advanceTo(s, Math.min(in.atNanos(), untilNanos));
          if (in.atNanos() > untilNanos) {
            break;
          }
        } else {
          if (in.atNanos() > untilNanos) {
            break;
          }
          if (s.nowNanos() > in.atNanos()) {
            throw new DivergedException(
                "input "
                    + applied
                    + " ("
                    + in
                    + ") at "
                    + in.atNanos()
                    + ", replay already at "
                    + s.nowNanos());
          }
          advanceTo(s, in.atNanos());
          apply(s, in, screens);
        }
        applied++;
      }
      advanceTo(s, untilNanos);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String node : s.nodes()) {
      StringBuilder sb = screens.get(node);
      out.put(node, sb == null ? "" : sb.toString());
    }
    return new Result(s, out, applied);
  }

  /** Replays every input, and the clock to the recording's last time. */
  public static Result replayAll(Opener opener, String template, long seed, List<Input> inputs) {
    long end = inputs.isEmpty() ? Long.MIN_VALUE : inputs.get(inputs.size() - 1).atNanos();
    return replay(opener, template, seed, inputs, inputs.size(), end == Long.MIN_VALUE ? 0 : end);
  }

  private static void advanceTo(Session s, long atNanos) {
    long d = atNanos - s.nowNanos();
    if (d > 0) {
      s.advance(Duration.ofNanos(d));
    }
  }

  private static void apply(RecordingSession s, Input in, Map<String, StringBuilder> screens) {
    String node = in.node();
    switch (in.kind()) {
      case TYPE -> show(screens, s.type(node, in.arg(0)), in.arg(0));
      case INTERRUPT -> show(screens, s.interrupt(node), null);
      case RESIZE -> s.resize(node, Integer.parseInt(in.arg(0)), Integer.parseInt(in.arg(1)));
      case ADD_NODE -> {
        String added = s.addNode();
        if (!added.equals(node)) {
          throw new DivergedException("node added as " + added + ", recorded as " + node);
        }
      }
      case REMOVE_NODE -> s.removeNode(node);
      case DAEMON -> {
        DaemonService d =
            s.node(node)
                .daemon()
                .orElseThrow(() -> new DivergedException(node + " has no daemon to " + in.arg(0)));
        switch (in.arg(0)) {
          case "start" -> d.start();
          case "stop" -> d.stop();
          default -> d.restart();
        }
      }
      case ISOLATE -> s.networkFaults().isolate(node);
      case HEAL -> s.networkFaults().heal();
      case DROP_NEXT -> s.networkFaults().dropNext(node, in.arg(0));
      case FORCE_ELECTION -> s.networkFaults().forceElection(node);
      case LATENCY -> s.networkFaults().setLatency(Duration.ofNanos(Long.parseLong(in.arg(0))));
      case PUBLISHED_PORT, GET -> http(s, in);
      default -> file(s.node(node).hostFs(), in);
    }
  }

  private static void file(FileSystem fs, Input in) {
    switch (in.kind()) {
      case WRITE -> fs.write(in.arg(0), in.data(), in.arg(1).equals("append"));
      case MKDIR -> fs.mkdir(in.arg(0), in.arg(1).equals("parents"));
      case REMOVE -> fs.remove(in.arg(0), in.arg(1).equals("recursive"));
      case SYMLINK -> fs.symlink(in.arg(0), in.arg(1));
      case COPY -> fs.copyFile(in.arg(0), in.arg(1));
      case RENAME -> fs.rename(in.arg(0), in.arg(1));
      case CHMOD -> fs.chmod(in.arg(0), Integer.parseInt(in.arg(1)));
      default -> throw new IllegalArgumentException("not a file input: " + in);
    }
  }

  private static void http(RecordingSession s, Input in) {
    NodeBackend n = s.node(in.node());
    try {
      if (in.kind() == Input.Kind.GET) {
        n.get(in.arg(0), Integer.parseInt(in.arg(1)), in.arg(2));
      } else {
        n.publishedPort(Integer.parseInt(in.arg(0)), in.arg(1));
      }
    } catch (PortUnreachable e) {
      // as it was when recorded: nothing answered
    }
  }

  /** What the REPL printed for an entry: prompt and line (or ^C), then the output. */
  private static void show(Map<String, StringBuilder> screens, TranscriptEntry e, String line) {
    StringBuilder sb = screens.computeIfAbsent(e.node(), n -> new StringBuilder());
    sb.append(e.prompt()).append(line == null ? "^C" : line).append('\n');
    String out = e.output();
    if (out != null && !out.isEmpty()) {
      sb.append(out);
      if (!out.endsWith("\n")) {
        sb.append('\n');
      }
    }
  }
}
