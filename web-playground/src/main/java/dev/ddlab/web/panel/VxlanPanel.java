package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.events.FrameEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.NetworkView;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;

/**
 * VXLAN step by step: the frames the nodes' eth0 carry in the tunnel (UDP 4789 on the underlay),
 * each with its bytes and their fields ({@link FrameFields}), so the browser can walk one from the
 * sending container through its veth, {@code br0} and {@code vxlan0} (each outer header put on in
 * turn: VXLAN with its I flag and VNI, UDP with the port hashed from the inner flow, the outer IPv4
 * between the nodes, the outer Ethernet), across the underlay and back off at the other node, with
 * a hex view that names the field under the cursor. Reads the bus's {@link FrameEvent}s and the
 * introspection seam only; a session without frames (a real engine) says so. "Gửi ping" sends one
 * ICMP echo between two containers on an overlay network: the panel types {@code docker exec FROM
 * ping -c 1 ADDRESS} on the sender's node, as the learner would (it is in the transcript).
 */
public final class VxlanPanel implements Panel {
  /** Tunnelled frames kept (newest last). */
  static final int KEPT = 64;

  @Override
  public String id() {
    return "vxlan";
  }

  @Override
  public String title() {
    return "VXLAN";
  }

  @Override
  public int order() {
    return 16;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  /**
   * The tunnelled frames: new ones travel in a delta as {@code frames}, the last kept in a
   * snapshot.
   */
  static final class Model implements PanelModel {
    private final PanelContext context;
    private final ArrayDeque<FrameEvent> pending = new ArrayDeque<>();
    private final ArrayDeque<ObjectNode> kept = new ArrayDeque<>();
    private long seq;

    Model(PanelContext context) {
      this.context = context;
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      // an underlay crossing is published for both nodes: the sender's copy is the one kept
      if (event instanceof FrameEvent f
          && f.link().equals("underlay")
          && f.from().startsWith(f.node() + ":")) {
        pending.addLast(f);
        while (pending.size() > KEPT) {
          pending.pollFirst();
        }
        return true;
      }
      return false;
    }

    @Override
    public void refresh() {
      ArrayNode frames = Json.MAPPER.createArrayNode();
      while (!pending.isEmpty()) {
        ObjectNode o = describe(pending.pollFirst());
        if (o != null) {
          frames.add(o);
          kept.addLast(o);
          while (kept.size() > KEPT) {
            kept.pollFirst();
          }
        }
      }
      if (!frames.isEmpty()) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        delta.set("frames", frames);
        context.publish(delta);
      }
    }

    @Override
    public JsonNode snapshot() {
      refresh();
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("simulated", context.session().introspection().simulated());
      ArrayNode frames = out.putArray("frames");
      kept.forEach(frames::add);
      return out;
    }

    @Override
    public JsonNode request(JsonNode args) {
      String op = args.path("op").asText();
      if (op.equals("endpoints")) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("endpoints");
        for (String[] e : overlayEndpoints()) {
          list.addObject().put("node", e[0]).put("container", e[1]).put("address", e[2]);
        }
        return out;
      }
      if (op.equals("ping")) {
        String from = args.path("from").asText();
        String to = args.path("to").asText();
        String[] src = null;
        String[] dst = null;
        for (String[] e : overlayEndpoints()) {
          if (e[1].equals(from) && src == null) {
            src = e;
          }
          if ((e[1] + " " + e[2]).equals(to)) {
            dst = e;
          }
        }
        if (src == null || dst == null) {
          return Json.message("error")
              .put("message", "Không tìm thấy container trên mạng overlay.");
        }
        String line = "docker exec " + src[1] + " ping -c 1 " + dst[2];
        String output = context.session().type(src[0], line).output();
        return Json.message("ping").put("line", line).put("output", output);
      }
      return Json.message("error").put("message", "unknown request " + op);
    }

    /**
     * Containers' interfaces on overlay networks (their veth's other end is in an overlay network's
     * namespace, {@code 1-…}): node, container, address.
     */
    private List<String[]> overlayEndpoints() {
      Session s = context.session();
      NetworkView view = s.introspection().network();
      List<String[]> out = new java.util.ArrayList<>();
      for (String node : s.nodes()) {
        for (NetworkView.Interface i : view.interfaces(node)) {
          if (i.peer() != null
              && i.peer().startsWith("/var/run/docker/netns/1-")
              && !i.addresses().isEmpty()
              && !i.owner().startsWith("/")
              && !i.owner().equals("ingress-sbox")
              && !i.owner().startsWith("lb-")) { // libnetwork's own sandboxes
            String a = i.addresses().get(0);
            out.add(new String[] {node, i.owner(), a.substring(0, a.indexOf('/'))});
          }
        }
      }
      return out;
    }

    /** A tunnelled frame for the browser, or null when the bytes are not VXLAN. */
    private ObjectNode describe(FrameEvent f) {
      byte[] bytes = f.bytes();
      List<FrameFields.Field> fields = FrameFields.of(bytes);
      int inner = FrameFields.innerOffset(fields);
      if (inner < 0) {
        return null;
      }
      String vni = null;
      for (FrameFields.Field x : fields) {
        if (x.layer().equals("vxlan") && x.name().equals("VNI")) {
          vni = x.value();
        }
      }
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("seq", ++seq);
      o.put("from", f.from().substring(0, f.from().indexOf(':')));
      o.put("to", f.to().contains(":") ? f.to().substring(0, f.to().indexOf(':')) : f.to());
      o.put("sent", f.timeNanos());
      o.put("summary", f.summary());
      o.put("vni", vni);
      o.put("inner", inner);
      o.put("hex", HexFormat.of().formatHex(bytes));
      String srcIp = null;
      String dstIp = null;
      ArrayNode list = o.putArray("fields");
      for (FrameFields.Field x : fields) {
        ArrayNode a = list.addArray();
        a.add(x.layer()).add(x.name()).add(x.offset()).add(x.length()).add(x.value());
        if (x.layer().equals("ip") || x.layer().equals("arp")) {
          if (x.isSourceAddress()) {
            srcIp = x.value();
          } else if (x.isTargetAddress()) {
            dstIp = x.value();
          }
        }
      }
      o.put("src", owner(srcIp));
      o.put("dst", owner(dstIp));
      return o;
    }

    /** The container whose interface holds {@code ip}, else the address itself. */
    private String owner(String ip) {
      if (ip == null) {
        return "?";
      }
      Session s = context.session();
      NetworkView view = s.introspection().network();
      for (String node : s.nodes()) {
        for (NetworkView.Interface i : view.interfaces(node)) {
          if (!i.owner().equals(node)
              && i.addresses().stream().anyMatch(a -> a.startsWith(ip + "/"))) {
            return i.owner();
          }
        }
      }
      return ip;
    }
  }
}
