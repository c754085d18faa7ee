package dev.ddlab.web;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.session.DaemonService;
import dev.ddlab.session.HttpAnswer;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.PortUnreachable;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionTemplate;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test double of {@link Session} for the transport tests: {@code echo X} prints X, anything else
 * is "command not found", Ctrl-C is recorded. Its engines have no containers or networks.
 */
final class EchoSession implements Session {
  private final VirtualClock clock = new VirtualClock();
  private final EventBus events = new EventBus();
  private final List<String> nodes = new ArrayList<>(List.of("node1"));
  private final List<TranscriptEntry> transcript = new ArrayList<>();
  final List<String> interrupts = new ArrayList<>();
  boolean closed;

  /** Sessions of this double for a playground: one template, "single" (one node). */
  static SessionFactory factory() {
    return new SessionFactory() {
      @Override
      public List<SessionTemplate> templates() {
        return List.of(new SessionTemplate("single", "1 node", "Một node Docker.", true, null));
      }

      @Override
      public Session open(String template, long seed) {
        return new EchoSession();
      }

      @Override
      public String engineKind() {
        return "sim";
      }
    };
  }

  static Engine emptyEngine() {
    return (Engine)
        Proxy.newProxyInstance(
            Engine.class.getClassLoader(),
            new Class<?>[] {Engine.class},
            (p, m, a) ->
                Proxy.newProxyInstance(
                    Engine.class.getClassLoader(),
                    new Class<?>[] {m.getReturnType()},
                    (p2, m2, a2) -> {
                      if (m2.getReturnType() == List.class) {
                        return List.of();
                      }
                      if (m2.getReturnType() == Map.class) {
                        return Map.of();
                      }
                      throw new UnsupportedOperationException(m2.getName());
                    }));
  }

  @Override
  public String id() {
    return "echo";
  }

  @Override
  public long seed() {
    return 1;
  }

  @Override
  public String template() {
    return "single";
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public String nodeAddress(String node) {
    return "192.168.0." + (10 + nodes.indexOf(node) + 1);
  }

  @Override
  public String prompt(String node) {
    return "[" + node + "] $ ";
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    String out;
    if (line.startsWith("echo ")) {
      out = line.substring(5) + "\n";
    } else if (line.isBlank()) {
      out = "";
    } else {
      out = "bash: " + line.split(" ")[0] + ": command not found\n";
    }
    TranscriptEntry e =
        new TranscriptEntry(node, prompt(node), line, out, out.startsWith("bash") ? 127 : 0, 0);
    transcript.add(e);
    return e;
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    interrupts.add(node);
    return new TranscriptEntry(node, prompt(node), "^C", "interrupted\n", 130, 0);
  }

  @Override
  public List<String> complete(String node, String line) {
    String word = line.substring(line.lastIndexOf(' ') + 1);
    return List.of("docker", "echo").stream().filter(c -> c.startsWith(word)).toList();
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  @Override
  public Engine engine(String node) {
    return emptyEngine();
  }

  @Override
  public NodeBackend node(String node) {
    if (!nodes.contains(node)) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    FileSystem files = new MemoryFs(clock::nowNanos);
    return new NodeBackend() {
      @Override
      public String name() {
        return node;
      }

      @Override
      public String address() {
        return nodeAddress(node);
      }

      @Override
      public Engine engine() {
        return emptyEngine();
      }

      @Override
      public FileSystem hostFs() {
        return files;
      }

      @Override
      public Optional<DaemonService> daemon() {
        return Optional.empty();
      }

      @Override
      public HttpAnswer get(String host, int port, String target) {
        throw new PortUnreachable(PortUnreachable.Kind.REFUSED, host, "Connection refused");
      }

      @Override
      public int allocatePid() {
        return 1;
      }
    };
  }

  @Override
  public long nowNanos() {
    return clock.nowNanos();
  }

  @Override
  public EventBus events() {
    return events;
  }

  @Override
  public void advance(Duration d) {
    clock.advance(d);
  }

  @Override
  public String addNode() {
    String name = "node" + (nodes.size() + 1);
    nodes.add(name);
    return name;
  }

  @Override
  public void removeNode(String node) {
    nodes.remove(node);
  }

  @Override
  public void close() {
    closed = true;
  }
}
