package dev.ddlab.web.panel;

import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.ContainersView.Cgroup;
import dev.ddlab.introspect.ContainersView.ContainerInfo;
import dev.ddlab.introspect.ContainersView.ProcessInfo;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.introspect.NodesView.NodeInfo;
import dev.ddlab.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Namespaces: for each running container its pid, net, mnt, uts, ipc, user and cgroup namespaces
 * (inodes as {@code /proc/PID/ns} shows them), which it shares with other containers or with the
 * host ({@code --network container:x}, {@code --pid host}), its processes with their host and
 * in-container PIDs, and its cgroup limits. A graph of containers and namespaces: an edge means
 * "lives in"; a namespace with two edges is shared.
 */
public final class NamespacesPanel implements Panel {
  @Override
  public String id() {
    return "namespaces";
  }

  @Override
  public String title() {
    return "Namespace";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  static final class Model extends GraphModel {
    Model(PanelContext context) {
      super(context, "namespaces");
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      return event instanceof EngineEvent e
          && e.message() != null
          && "container".equals(e.message().type());
    }

    @Override
    protected void describe(Picture p) {
      Session s = context.session();
      Introspection look = s.introspection();
      if (!look.simulated()) {
        p.graph("unavailable", "Chỉ phiên mô phỏng mới cho xem namespace từ bên trong.");
        return;
      }
      List<NodeInfo> nodes = look.nodes().nodes();
      Map<String, String> host =
          nodes.isEmpty() ? Map.of() : look.containers().hostNamespaces(nodes.get(0).name());
      p.graph("hostNamespaces", new LinkedHashMap<>(host));
      for (NodeInfo node : nodes) {
        Map<String, String> nodeNs = look.containers().hostNamespaces(node.name());
        for (ContainerInfo c : look.containers().containers(node.name())) {
          String cid = "c:" + node.name() + ":" + c.id().substring(0, 12);
          List<Map<String, Object>> procs = new ArrayList<>();
          for (ProcessInfo pv : c.processes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pv.pid());
            m.put("hostPid", pv.hostPid());
            m.put("user", pv.user());
            m.put("command", pv.command());
            procs.add(m);
          }
          Cgroup cg = c.cgroup();
          p.node(
              cid,
              "kind",
              "container",
              "label",
              c.name(),
              "node",
              node.name(),
              "image",
              c.image(),
              "status",
              c.status(),
              "processes",
              procs,
              "sharesNetworkWith",
              c.sharesNetworkWith(),
              "cgroup",
              cg == null ? null : cg.path(),
              "memory",
              cg == null ? null : cg.memoryBytes(),
              "nanoCpus",
              cg == null ? null : cg.nanoCpus(),
              "pidsLimit",
              cg == null ? null : cg.pidsLimit());
          for (Map.Entry<String, String> ns : c.namespaces().entrySet()) {
            // one namespace node per inode per node: equal ids mean shared
            String nid = "ns:" + node.name() + ":" + ns.getValue();
            p.node(
                nid,
                "kind",
                "namespace",
                "type",
                ns.getKey(),
                "label",
                ns.getValue(),
                "node",
                node.name(),
                "host",
                ns.getValue().equals(nodeNs.get(ns.getKey())));
            p.edge(cid + ">" + ns.getKey(), cid, nid);
          }
        }
      }
    }
  }
}
