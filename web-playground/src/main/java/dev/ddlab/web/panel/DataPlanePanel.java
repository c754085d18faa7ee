package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.FrameEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.NetworkView;
import dev.ddlab.introspect.PcapWriter;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data plane of each node as the kernel holds it: the host with eth0 and its NAT rules, the
 * bridges, and each sandbox joined to its bridge by a veth pair (macvlan children to their parent).
 * Every frame a link carries comes from the bus ({@link FrameEvent}) and is sent to the browsers,
 * which move it hop by hop along the drawing (a ping from c1 to c2: ARP, then ICMP, each through
 * the bridge) with pause and step, and list it as tcpdump prints it; the node's recent frames
 * download as a pcap file. Reads the introspection seam only ({@link NetworkView}): a real engine's
 * session has no frames and the panel says so.
 */
public final class DataPlanePanel implements Panel {
  /** Frames kept for a browser that opens the panel later. */
  static final int KEPT = 200;

  @Override
  public String id() {
    return "dataplane";
  }

  @Override
  public String title() {
    return "Gói tin";
  }

  @Override
  public int order() {
    return 15;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  /**
   * The picture ({@link Topology}, deltas as the other graph panels) and the frames: those that
   * arrived since the last refresh travel with its delta as {@code frames}; the last {@link #KEPT}
   * are in the snapshot.
   */
  static final class Model implements PanelModel {
    private final PanelContext context;
    private final Topology topology;
    private final ArrayDeque<FrameEvent> pending = new ArrayDeque<>();
    private final ArrayDeque<ObjectNode> recent = new ArrayDeque<>();
    private JsonNode heldOps;
    private long seq;
    private long dropped;

    Model(PanelContext context) {
      this.context = context;
      this.topology =
          new Topology(
              new PanelContext() {
                @Override
                public Session session() {
                  return context.session();
                }

                @Override
                public void publish(JsonNode delta) {
                  heldOps = delta.path("ops");
                }
              });
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      if (event instanceof FrameEvent f) {
        pending.addLast(f);
        while (pending.size() > KEPT) {
          // a burst larger than the list: the browser shows the last ones, and how many it missed
          pending.pollFirst();
          dropped++;
        }
        return true;
      }
      if (event instanceof EngineEvent e && e.message() != null) {
        String type = e.message().type();
        return type == null || type.equals("container") || type.equals("network");
      }
      return false;
    }

    @Override
    public void refresh() {
      heldOps = null;
      topology.refresh();
      ArrayNode frames = drain();
      if (heldOps == null && frames.isEmpty()) {
        return;
      }
      ObjectNode delta = Json.MAPPER.createObjectNode();
      delta.set("ops", heldOps == null ? Json.MAPPER.createArrayNode() : heldOps);
      delta.set("frames", frames);
      if (dropped > 0) {
        delta.put("dropped", dropped);
        dropped = 0;
      }
      heldOps = null;
      context.publish(delta);
    }

    @Override
    public JsonNode snapshot() {
      refresh();
      ObjectNode out = (ObjectNode) topology.snapshot();
      heldOps = null; // the snapshot has it; refresh() above already told the other browsers
      out.put("simulated", context.session().introspection().simulated());
      ArrayNode frames = out.putArray("frames");
      recent.forEach(frames::add);
      return out;
    }

    /**
     * {@code {"pcap": NODE}}: the frames the node's links carried lately ({@link
     * NetworkView#captured}) as a classic pcap file, base64 in {@code pcap}, with its name and the
     * number of frames; written as {@code ddlab pcap} writes them.
     */
    @Override
    public JsonNode request(JsonNode args) {
      String node = args.path("pcap").asText("");
      if (node.isEmpty()) {
        return null;
      }
      List<NetworkView.Frame> frames = context.session().introspection().network().captured(node);
      List<PcapWriter.Record> records = new ArrayList<>();
      for (NetworkView.Frame f : frames) {
        records.add(new PcapWriter.Record(f.sentNanos(), f.bytes()));
      }
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("node", node);
      out.put("file", "ddlab-" + node + ".pcap");
      out.put("frames", frames.size());
      out.put("pcap", Base64.getEncoder().encodeToString(PcapWriter.write(records)));
      return out;
    }

    private ArrayNode drain() {
      ArrayNode out = Json.MAPPER.createArrayNode();
      while (!pending.isEmpty()) {
        FrameEvent f = pending.pollFirst();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", ++seq);
        o.put("node", f.node());
        o.put("link", f.link());
        o.put("from", f.from());
        o.put("to", f.to());
        o.put("sent", f.timeNanos());
        o.put("arrives", f.arrivesNanos());
        o.put("summary", f.summary());
        out.add(o);
        recent.addLast(o);
        while (recent.size() > KEPT) {
          recent.pollFirst();
        }
      }
      return out;
    }
  }

  /**
   * Element ids: {@code h:NODE} (the host: eth0's address, NAT rules), {@code b:NODE:BRIDGE},
   * {@code s:NODE:OWNER} (a sandbox and its interfaces); an edge per veth pair, id = the link's id,
   * from the sandbox to its bridge (or the host), and per macvlan child to the host.
   */
  static final class Topology extends GraphModel {
    Topology(PanelContext context) {
      super(context, "dataplane");
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      return false; // the Model decides
    }

    @Override
    protected void describe(Picture p) {
      Session s = context.session();
      NetworkView view = s.introspection().network();
      for (String node : s.nodes()) {
        String host = "h:" + node;
        List<NetworkView.Interface> all = view.interfaces(node);
        String eth0 = null;
        for (NetworkView.Interface i : all) {
          if (i.owner().equals(node) && i.name().equals("eth0") && !i.addresses().isEmpty()) {
            eth0 = i.addresses().get(0);
          }
        }
        p.node(
            host,
            "kind",
            "host",
            "label",
            node,
            "eth0",
            eth0 != null ? eth0 : s.nodeAddress(node),
            "nat",
            view.natRules(node));
        Map<String, List<String>> sandboxes = new LinkedHashMap<>();
        for (NetworkView.Interface i : all) {
          if (i.owner().equals(node)) {
            if (i.kind().equals("bridge")) {
              p.node(
                  "b:" + node + ":" + i.name(),
                  "kind",
                  "bridge",
                  "node",
                  node,
                  "label",
                  i.name(),
                  "address",
                  i.addresses().isEmpty() ? null : i.addresses().get(0));
            }
            continue;
          }
          if (i.kind().equals("loopback")) {
            continue;
          }
          sandboxes
              .computeIfAbsent(i.owner(), k -> new ArrayList<>())
              .add(
                  i.name()
                      + (i.addresses().isEmpty() ? "" : " " + i.addresses().get(0))
                      + " "
                      + i.mac());
        }
        sandboxes.forEach(
            (owner, ifaces) ->
                p.node(
                    "s:" + node + ":" + owner,
                    "kind",
                    "sandbox",
                    "node",
                    node,
                    "label",
                    owner,
                    "interfaces",
                    ifaces));
        for (NetworkView.Interface i : all) {
          if (i.owner().equals(node) && i.kind().equals("veth") && i.peer() != null) {
            // the host end: its bridge (or the host itself), the sandbox at the other end
            String owner = i.peer().substring(0, i.peer().indexOf(':'));
            String to = i.master() != null ? "b:" + node + ":" + i.master() : host;
            p.edge(
                node + ":" + i.name(),
                "s:" + node + ":" + owner,
                to,
                "kind",
                "veth",
                "hostEnd",
                node + ":" + i.name(),
                "inner",
                i.peer());
          } else if (!i.owner().equals(node) && i.kind().equals("macvlan")) {
            p.edge(
                "m:" + node + ":" + i.owner() + ":" + i.name(),
                "s:" + node + ":" + i.owner(),
                host,
                "kind",
                "macvlan",
                "parent",
                i.master(),
                "inner",
                i.owner() + ":" + i.name());
          }
        }
      }
    }
  }
}
