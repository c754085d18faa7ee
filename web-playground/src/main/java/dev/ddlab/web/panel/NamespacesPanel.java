package dev.ddlab.web.panel;

import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.session.Session;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.ContainerView;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.runtime.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
      Optional<Cluster> cluster = s.cluster();
      if (cluster.isEmpty()) {
        p.graph("unavailable", "Chỉ phiên mô phỏng mới cho xem namespace từ bên trong.");
        return;
      }
      Map<String, String> host = Kernel.HOST_NAMESPACES.describe();
      p.graph("hostNamespaces", new LinkedHashMap<>(host));
      for (DockerHost node : cluster.get().nodes()) {
        for (ContainerView c : node.inspectContainers()) {
          String cid = "c:" + node.name() + ":" + c.id().substring(0, 12);
          List<Map<String, Object>> procs = new ArrayList<>();
          for (ContainerView.ProcessView pv : c.processes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pv.pid());
            m.put("hostPid", pv.hostPid());
            m.put("user", pv.user());
            m.put("command", pv.command());
            procs.add(m);
          }
          ContainerView.Cgroup cg = c.cgroup();
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
                ns.getValue().equals(host.get(ns.getKey())));
            p.edge(cid + ">" + ns.getKey(), cid, nid);
          }
        }
      }
    }
  }
}
