package dev.ddlab.web.panel;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.session.Session;
import java.util.List;
import java.util.Map;

/**
 * Topology: the session's nodes, their networks, containers (coloured by state), the endpoints
 * joining containers to networks, and published ports. Read through the {@link Engine} API only, so
 * it draws a real engine's node as well as a simulated one.
 */
public final class TopologyPanel implements Panel {
  @Override
  public String id() {
    return "topology";
  }

  @Override
  public String title() {
    return "Sơ đồ";
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  /** Element ids: {@code h:NODE}, {@code n:NODE:NET}, {@code c:NODE:ID12}, {@code p:NODE:PORT}. */
  static final class Model extends GraphModel {
    Model(PanelContext context) {
      super(context, "topology");
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      if (event instanceof EngineEvent e && e.message() != null) {
        String type = e.message().type();
        return type == null || type.equals("container") || type.equals("network");
      }
      return false;
    }

    @Override
    protected void describe(Picture p) {
      Session s = context.session();
      for (String node : s.nodes()) {
        String host = "h:" + node;
        p.node(host, "kind", "host", "label", node, "address", s.nodeAddress(node));
        Engine engine = s.engine(node);
        List<Network> networks;
        List<ContainerSummary> containers;
        try {
          networks = engine.networks().list(Map.of());
          containers = engine.containers().list(true, 0, false, Map.of());
        } catch (EngineException e) {
          p.node(host, "error", e.getMessage());
          continue;
        }
        for (Network n : networks) {
          String id = "n:" + node + ":" + n.name();
          p.node(
              id,
              "kind",
              "network",
              "label",
              n.name(),
              "node",
              node,
              "driver",
              n.driver(),
              "subnet",
              subnet(n));
          p.edge(host + ">" + id, host, id);
        }
        for (ContainerSummary c : containers) {
          String cid = "c:" + node + ":" + shortId(c.id());
          p.node(
              cid,
              "kind",
              "container",
              "label",
              name(c),
              "node",
              node,
              "image",
              c.image(),
              "state",
              c.state(),
              "status",
              c.status());
          Map<String, EndpointSettings> endpoints =
              c.networkSettings() == null ? null : c.networkSettings().get("Networks");
          if (endpoints != null) {
            endpoints.forEach(
                (net, ep) -> {
                  String nid = "n:" + node + ":" + net;
                  p.edge(
                      cid + ">" + nid,
                      cid,
                      nid,
                      "kind",
                      "endpoint",
                      "ip",
                      ep == null || ep.ipAddress() == null || ep.ipAddress().isEmpty()
                          ? null
                          : ep.ipAddress());
                });
          }
          if (c.ports() != null) {
            for (Port port : c.ports()) {
              if (port.publicPort() == null) {
                continue;
              }
              String pid = "p:" + node + ":" + port.publicPort() + "/" + port.type();
              p.node(
                  pid,
                  "kind",
                  "port",
                  "node",
                  node,
                  "port",
                  port.publicPort(),
                  "label",
                  (port.ip() == null ? "0.0.0.0" : port.ip())
                      + ":"
                      + port.publicPort()
                      + "→"
                      + port.privatePort()
                      + "/"
                      + port.type());
              p.edge(pid + ">" + cid, pid, cid, "kind", "publish");
            }
          }
        }
      }
    }

    private static String subnet(Network n) {
      if (n.ipam() == null || n.ipam().config() == null || n.ipam().config().isEmpty()) {
        return null;
      }
      return n.ipam().config().get(0).subnet();
    }

    private static String name(ContainerSummary c) {
      return c.names() == null || c.names().isEmpty()
          ? shortId(c.id())
          : c.names().get(0).replaceFirst("^/", "");
    }

    private static String shortId(String id) {
      String hex = id.startsWith("sha256:") ? id.substring(7) : id;
      return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
  }
}
