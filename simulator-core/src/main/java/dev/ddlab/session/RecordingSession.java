package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.session.Input.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A session that keeps every input given to it from outside, with its virtual time ({@link Input}),
 * so that {@link Replay} can rebuild the session at any earlier moment from its template, seed and
 * these inputs. It is the one door into the session: lines typed, Ctrl-C, time advances, nodes
 * added and removed, and through the {@link NodeBackend}s and {@link NetworkFaults} it hands out,
 * the daemons' stop and start, the underlay's faults, the host files the playground's editor writes
 * and HTTP to published ports. Every method of those interfaces is either declared here (recorded)
 * or a read {@link ForwardingSession} passes on, named as one in {@code RecordingSessionTest},
 * which fails on a method added to them and not considered here. The screen's reads ({@code
 * unshownOutput}, {@code shownOutput}) change neither the transcript nor the simulation, and {@code
 * followTicker} is a mode set before any input that a replay's opener sets again. What it does not
 * guard: the {@link Engine} of a node and a node's network stack are handed out as they are, for
 * reading (the panels); a caller that changed the simulation through them would not be recorded.
 *
 * <p>An input is recorded once it was applied without an exception (a refused one changed nothing),
 * except HTTP, recorded also when nothing answered. Consecutive advances of time are merged into
 * one. The bytes of files written from outside (the playground's uploads) are kept with their
 * inputs up to a budget; past it the recording gives up ({@link #overflowed()}): its inputs are
 * dropped and nothing more is kept, as a session whose inputs are not all known cannot be replayed.
 */
public final class RecordingSession extends ForwardingSession {
  /** The default budget for file bytes kept with the inputs: 16 MiB. */
  public static final long MAX_DATA_BYTES = 16L << 20;

  private final Session inner;
  private final long maxDataBytes;
  private final List<Input> inputs = new ArrayList<>();
  private Consumer<Input> listener = i -> {};
  private long dataBytes;
  private boolean overflowed;

  public RecordingSession(Session inner) {
    this(inner, MAX_DATA_BYTES);
  }

  /** A recording that keeps at most {@code maxDataBytes} of written files' bytes. */
  public RecordingSession(Session inner, long maxDataBytes) {
    this.inner = inner;
    this.maxDataBytes = maxDataBytes;
  }

  /**
   * Whether the written files' bytes passed the budget: the inputs were dropped and no more are
   * kept (the session can no longer be replayed).
   */
  public boolean overflowed() {
    return overflowed;
  }

  /** The inputs so far, oldest first. */
  public List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /** How many inputs were recorded. */
  public int inputCount() {
    return inputs.size();
  }

  /** Called after each input is recorded (an advance merged into the last one included). */
  public void onInput(Consumer<Input> listener) {
    this.listener = listener == null ? i -> {} : listener;
  }

  private void record(Input input) {
    if (overflowed) {
      return;
    }
    dataBytes += input.dataLength();
    if (dataBytes > maxDataBytes) {
      overflowed = true;
      inputs.clear();
      listener.accept(input);
      return;
    }
    int last = inputs.size() - 1;
    if (input.isAdvance() && last >= 0 && inputs.get(last).isAdvance()) {
      inputs.set(last, input);
    } else {
      inputs.add(input);
    }
    listener.accept(input);
  }

  private void record(long at, Kind kind, String node, String... args) {
    record(Input.of(at, kind, node, args));
  }

  // ---- reads: forwarded by ForwardingSession, but for the two that hand out what can change it --

  @Override
  protected Session delegate() {
    return inner;
  }

  @Override
  public NodeBackend node(String node) {
    return new Node(inner.node(node));
  }

  @Override
  public NetworkFaults networkFaults() {
    NetworkFaults f = inner.networkFaults();
    return f.supported() ? new Faults(f) : f;
  }

  // ---- inputs -----------------------------------------------------------------------------------

  @Override
  public TranscriptEntry type(String node, String line) {
    long at = inner.nowNanos();
    boolean echoed = inner.echoes(node);
    TranscriptEntry e = inner.type(node, line);
    if (echoed) {
      record(at, Kind.TYPE, node, line);
    } else {
      record(at, Kind.TYPE, node, line, Input.UNECHOED); // replayed the same, shown as nothing
    }
    return e;
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    long at = inner.nowNanos();
    TranscriptEntry e = inner.interrupt(node);
    record(at, Kind.INTERRUPT, node);
    return e;
  }

  /** Each terminal's last size, so that only a change is recorded. */
  private final java.util.Map<String, List<String>> sizes = new java.util.HashMap<>();

  @Override
  public void resize(String node, int columns, int rows) {
    List<String> size = List.of(Integer.toString(columns), Integer.toString(rows));
    if (size.equals(sizes.put(node, size))) {
      return; // the page's terminal sends its size again: nothing to record
    }
    long at = inner.nowNanos();
    inner.resize(node, columns, rows);
    record(at, Kind.RESIZE, node, size.get(0), size.get(1));
  }

  @Override
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative advance: " + d);
    }
    inner.advance(d);
    record(inner.nowNanos(), Kind.ADVANCE, "");
  }

  @Override
  public String addNode() {
    long at = inner.nowNanos();
    String name = inner.addNode();
    record(at, Kind.ADD_NODE, name);
    return name;
  }

  @Override
  public void removeNode(String node) {
    long at = inner.nowNanos();
    inner.removeNode(node);
    record(at, Kind.REMOVE_NODE, node);
  }

  /** A node whose daemon, files and HTTP go through the recording. */
  private final class Node implements NodeBackend {
    private final NodeBackend n;

    Node(NodeBackend n) {
      this.n = n;
    }

    @Override
    public String name() {
      return n.name();
    }

    @Override
    public String address() {
      return n.address();
    }

    @Override
    public Engine engine() {
      return n.engine();
    }

    @Override
    public dev.ddlab.fs.FileSystem hostFs() {
      return new RecordingFs(n.hostFs(), n.name(), inner::nowNanos, RecordingSession.this::record);
    }

    @Override
    public Optional<DaemonService> daemon() {
      return n.daemon().map(Daemon::new);
    }

    @Override
    public HttpAnswer get(String host, int port, String target) {
      return http(Kind.GET, () -> n.get(host, port, target), host, Integer.toString(port), target);
    }

    @Override
    public HttpAnswer publishedPort(int port, String target) {
      return http(
          Kind.PUBLISHED_PORT, () -> n.publishedPort(port, target), Integer.toString(port), target);
    }

    private HttpAnswer http(Kind kind, java.util.function.Supplier<HttpAnswer> call, String... a) {
      long at = inner.nowNanos();
      try {
        return call.get();
      } finally {
        record(at, kind, n.name(), a);
      }
    }

    @Override
    public dev.ddlab.sim.network.dataplane.NetStack netStack() {
      return n.netStack();
    }

    @Override
    public dev.ddlab.sim.runtime.Cgroup memoryBudget() {
      return n.memoryBudget();
    }

    /** Refused: a PID taken from outside the session's programs could not be replayed. */
    @Override
    public int allocatePid() {
      throw new UnsupportedOperationException("a PID is allocated by the session's own programs");
    }

    /** The node's docker.service, its start, stop and restart recorded. */
    private final class Daemon implements DaemonService {
      private final DaemonService d;

      Daemon(DaemonService d) {
        this.d = d;
      }

      @Override
      public boolean isActive() {
        return d.isActive();
      }

      @Override
      public void start() {
        daemon("start", d::start);
      }

      @Override
      public void stop() {
        daemon("stop", d::stop);
      }

      @Override
      public void restart() {
        daemon("restart", d::restart);
      }

      private void daemon(String action, Runnable run) {
        long at = inner.nowNanos();
        run.run();
        record(at, Kind.DAEMON, n.name(), action);
      }

      @Override
      public long activeSinceNanos() {
        return d.activeSinceNanos();
      }

      @Override
      public int mainPid() {
        return d.mainPid();
      }
    }
  }

  /** The underlay's faults, each recorded. */
  private final class Faults implements NetworkFaults {
    private final NetworkFaults f;

    Faults(NetworkFaults f) {
      this.f = f;
    }

    @Override
    public boolean supported() {
      return f.supported();
    }

    @Override
    public void isolate(String node) {
      long at = inner.nowNanos();
      f.isolate(node);
      record(at, Kind.ISOLATE, node);
    }

    @Override
    public void heal() {
      long at = inner.nowNanos();
      f.heal();
      record(at, Kind.HEAL, "");
    }

    @Override
    public void dropNext(String from, String to) {
      long at = inner.nowNanos();
      f.dropNext(from, to);
      record(at, Kind.DROP_NEXT, from, to);
    }

    @Override
    public void forceElection(String node) {
      long at = inner.nowNanos();
      f.forceElection(node);
      record(at, Kind.FORCE_ELECTION, node);
    }

    @Override
    public Duration latency() {
      return f.latency();
    }

    @Override
    public void setLatency(Duration oneWay) {
      long at = inner.nowNanos();
      f.setLatency(oneWay);
      record(at, Kind.LATENCY, "", Long.toString(oneWay.toNanos()));
    }

    @Override
    public java.util.Set<String> isolated() {
      return f.isolated();
    }
  }
}
