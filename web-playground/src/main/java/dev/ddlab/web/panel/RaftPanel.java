package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.introspect.SwarmView;
import dev.ddlab.introspect.SwarmView.LogEntry;
import dev.ddlab.introspect.SwarmView.Message;
import dev.ddlab.introspect.SwarmView.RaftState;
import dev.ddlab.introspect.SwarmView.ServiceInfo;
import dev.ddlab.introspect.SwarmView.TaskInfo;
import dev.ddlab.session.DaemonService;
import dev.ddlab.session.NetworkFaults;
import dev.ddlab.session.NodeBackend;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Raft: each manager's role, term, vote, log (committed entries up to its commit index, the rest
 * uncommitted), its election and heartbeat timers, and the control-plane messages between the nodes
 * (pre-votes, votes, appends, heartbeats) as the browser animates them; plus faults the learner
 * injects to watch a re-election: stop or start a node's daemon ({@link NodeBackend#daemon()}),
 * isolate a node and heal the network, lose the next message, add latency, force a manager's
 * election timeout ({@link NetworkFaults}); and per service how many of its tasks run on each node.
 * Reads the simulation only through the introspection seam ({@link SwarmView}).
 */
public final class RaftPanel implements Panel {
  /** Entries of each manager's log sent to the browser (the newest). */
  static final int LOG_SHOWN = 12;

  @Override
  public String id() {
    return "raft";
  }

  @Override
  public String title() {
    return "Raft";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  static final class Model implements PanelModel {
    private final PanelContext context;
    private String last = "";

    Model(PanelContext context) {
      this.context = context;
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      // Raft's messages are transient underlay events, a daemon's stop an engine event: the view
      // is small, and refresh() sends it only when it changed
      return true;
    }

    @Override
    public void refresh() {
      ObjectNode now = state();
      String text = Json.write(without(now, "now"));
      if (!text.equals(last)) {
        last = text;
        context.publish(now);
      }
    }

    @Override
    public JsonNode snapshot() {
      ObjectNode s = state();
      last = Json.write(without(s, "now"));
      return s;
    }

    private static JsonNode without(ObjectNode o, String field) {
      ObjectNode c = o.deepCopy();
      c.remove(field);
      return c;
    }

    ObjectNode state() {
      Session s = context.session();
      Introspection look = s.introspection();
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("simulated", look.simulated());
      out.put("now", s.nowNanos());
      NetworkFaults net = s.networkFaults();
      out.put("faults", net.supported());
      out.put("latencyMs", net.latency().toNanos() / 1e6);
      ArrayNode isolated = out.putArray("isolated");
      net.isolated().forEach(isolated::add);
      ArrayNode nodes = out.putArray("nodes");
      for (String n : s.nodes()) {
        ObjectNode o = nodes.addObject();
        o.put("name", n);
        o.put(
            "daemon",
            s.node(n).daemon().map(d -> d.isActive() ? "active" : "stopped").orElse("unknown"));
      }
      SwarmView swarm = look.swarm();
      ArrayNode managers = out.putArray("managers");
      for (RaftState r : swarm.managers()) {
        ObjectNode m = managers.addObject();
        m.put("node", r.node());
        m.put("role", r.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("term", r.term());
        m.put("votedFor", r.votedFor());
        ArrayNode votes = m.putArray("votesReceived");
        r.votesReceived().stream().sorted().forEach(votes::add);
        m.put("leader", r.leader());
        m.put("commitIndex", r.commitIndex());
        m.put("lastApplied", r.lastApplied());
        m.put("electionDeadline", r.electionDeadlineNanos());
        m.put("nextHeartbeat", r.nextHeartbeatNanos());
        m.put("logSize", r.log().size());
        ArrayNode log = m.putArray("log");
        List<LogEntry> entries = r.log();
        for (LogEntry e :
            entries.subList(Math.max(0, entries.size() - LOG_SHOWN), entries.size())) {
          ObjectNode le = log.addObject();
          le.put("index", e.index());
          le.put("term", e.term());
          le.put("summary", e.summary());
          le.put("committed", e.index() <= r.commitIndex());
        }
      }
      services(swarm, out.putArray("services"));
      ArrayNode msgs = out.putArray("messages");
      for (Message m : swarm.messages()) {
        ObjectNode o = msgs.addObject();
        o.put("id", m.id());
        o.put("from", m.from());
        o.put("to", m.to());
        o.put("summary", m.summary());
        o.put("sent", m.sentNanos());
        o.put("due", m.dueNanos());
        o.put("state", m.state());
        o.put("dropReason", m.dropReason());
      }
      return out;
    }

    /**
     * Each service (by name) and how many of its tasks run on each node now, from the leader's
     * store ({@link SwarmView#services()}, {@link SwarmView#tasks}): what moves when a node is
     * drained or its daemon stops. Empty without a leader.
     */
    private static void services(SwarmView swarm, ArrayNode out) {
      List<TaskInfo> tasks = swarm.tasks(null);
      List<ServiceInfo> services = new java.util.ArrayList<>(swarm.services());
      services.sort(java.util.Comparator.comparing(ServiceInfo::name));
      for (ServiceInfo sv : services) {
        ObjectNode o = out.addObject();
        o.put("name", sv.name());
        o.put("mode", sv.mode());
        o.put("replicas", sv.replicas());
        java.util.Map<String, Integer> running = new java.util.TreeMap<>();
        for (TaskInfo t : tasks) {
          if (t.serviceId().equals(sv.id()) && "running".equals(t.state()) && !t.node().isEmpty()) {
            running.merge(t.node(), 1, Integer::sum);
          }
        }
        ObjectNode per = o.putObject("running");
        running.forEach(per::put);
      }
    }

    /**
     * A fault from the panel: {@code {action:
     * "stop"|"start"|"isolate"|"heal"|"drop"|"latency"|"timeout", node, to, ms}}. Answers {@code
     * {ok, message}} in Vietnamese.
     */
    @Override
    public JsonNode request(JsonNode args) {
      Session s = context.session();
      String action = args.path("action").asText();
      String node = args.path("node").asText();
      ObjectNode answer = Json.MAPPER.createObjectNode();
      try {
        String message =
            switch (action) {
              case "stop" -> {
                daemon(s, node).stop();
                yield "Đã dừng Docker trên " + node + " (như service docker stop).";
              }
              case "start" -> {
                daemon(s, node).start();
                yield "Đã khởi động lại Docker trên " + node + ".";
              }
              case "isolate" -> {
                known(s, node);
                s.networkFaults().isolate(node);
                yield "Đã cô lập " + node + ": mọi tin nhắn đến và đi từ nó đều mất.";
              }
              case "timeout" -> {
                known(s, node);
                s.networkFaults().forceElection(node);
                yield "Đã ép "
                    + node
                    + " hết giờ chờ: leader được yêu cầu trao quyền cho nó; khi nó nhận được,"
                    + " nó bầu cử ngay ở term mới (nếu tin nhắn bị mất, chẳng có gì thay đổi).";
              }
              case "heal" -> {
                s.networkFaults().heal();
                yield "Mạng đã liền lại: mọi node lại thấy nhau.";
              }
              case "drop" -> {
                String to = args.path("to").asText();
                known(s, node);
                known(s, to);
                s.networkFaults().dropNext(node, to);
                yield "Tin nhắn kế tiếp từ " + node + " đến " + to + " sẽ bị mất.";
              }
              case "latency" -> {
                double ms = args.path("ms").asDouble(-1);
                if (ms < 0 || ms > 5000) {
                  throw new IllegalArgumentException("Độ trễ phải từ 0 đến 5000 ms.");
                }
                s.networkFaults().setLatency(Duration.ofNanos(Math.round(ms * 1e6)));
                yield "Độ trễ một chiều giữa các node giờ là "
                    + String.valueOf(ms).replaceAll("\\.0$", "").replace('.', ',')
                    + " ms.";
              }
              default -> throw new IllegalArgumentException("Không hiểu thao tác: " + action);
            };
        answer.put("ok", true).put("message", message);
      } catch (IllegalArgumentException | IllegalStateException e) {
        answer.put("ok", false).put("message", e.getMessage());
      }
      refresh();
      return answer;
    }

    private static void known(Session s, String node) {
      if (!s.nodes().contains(node)) {
        throw new IllegalArgumentException("Không có node " + node + " trong phiên này.");
      }
    }

    private static DaemonService daemon(Session s, String node) {
      known(s, node);
      Optional<DaemonService> d = s.node(node).daemon();
      return d.orElseThrow(
          () -> new IllegalStateException("Không điều khiển được Docker trên " + node + "."));
    }
  }
}
