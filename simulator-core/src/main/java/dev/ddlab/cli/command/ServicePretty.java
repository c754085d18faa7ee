package dev.ddlab.cli.command;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.UpdateConfig;
import dev.ddlab.engine.dto.swarm.UpdateStatus;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker/cli's serviceInspectPrettyTemplate ({@code service inspect --pretty}), over the service as
 * the daemon answers with InsertDefaults (docker/cli always asks so): swarmkit's update and
 * rollback defaults fill what the spec leaves empty (parallelism 1, on failure pause, monitoring
 * 5s, stop-first), and its empty Resources print their heading.
 */
final class ServicePretty {
  /** swarmkit's defaults.Service.Update and .Rollback. */
  private static final UpdateConfig DEFAULTS =
      new UpdateConfig(1, 0, "pause", 5_000_000_000L, 0, "stop-first");

  private final DockerCommand c;

  ServicePretty(DockerCommand c) {
    this.c = c;
  }

  void print(Service s) {
    ServiceSpec sp = s.spec();
    var cs = sp.taskTemplate().containerSpec();
    c.out("");
    c.out("ID:\t\t" + s.id());
    c.out("Name:\t\t" + sp.name());
    if (sp.labels() != null && !sp.labels().isEmpty()) {
      c.out("Labels:");
      // a Go template ranges over a map in key order
      for (Map.Entry<String, String> l : new TreeMap<>(sp.labels()).entrySet()) {
        c.out(" " + l.getKey() + (l.getValue().isEmpty() ? "" : "=" + l.getValue()));
      }
    }
    boolean global = sp.global();
    c.out("Service Mode:\t" + (global ? "Global" : "Replicated"));
    if (!global) {
      c.out(" Replicas:\t" + sp.replicas());
    }
    updateStatus(s.updateStatus());
    c.out("Placement:");
    var placement = sp.taskTemplate().placement();
    if (placement != null
        && placement.constraints() != null
        && !placement.constraints().isEmpty()) {
      // a Go slice printed by the template: [a b]
      c.out(" Constraints:\t[" + String.join(" ", placement.constraints()) + "]");
    }
    config("UpdateConfig:", "Update order:      ", sp.updateConfig());
    config("RollbackConfig:", "Rollback order:    ", sp.rollbackConfig());
    c.out("ContainerSpec:");
    c.out(" Image:\t\t" + cs.image());
    if (cs.args() != null && !cs.args().isEmpty()) {
      c.out(" Args:\t\t" + String.join(" ", cs.args()) + " ");
    }
    if (cs.env() != null && !cs.env().isEmpty()) {
      c.out(" Env:\t\t" + String.join(" ", cs.env()) + " ");
    }
    if (cs.init() != null) {
      c.out(" Init:\t\t" + cs.init());
    }
    if (cs.mounts() != null && !cs.mounts().isEmpty()) {
      c.out("Mounts:");
      for (var m : cs.mounts()) {
        c.out(" Target:\t" + m.target());
        c.out("  Source:\t" + m.source());
        c.out("  ReadOnly:\t" + m.readOnly());
        c.out("  Type:\t\t" + m.type());
      }
    }
    c.out("Resources:");
    List<String> nets = networkNames(s);
    if (!nets.isEmpty()) {
      // docker/cli's template: each name after a space, and a space before the next line
      c.out("Networks: " + String.join(" ", nets) + " ");
    }
    c.out("Endpoint Mode:\tvip");
    List<PortConfig> ports = s.endpoint() == null ? null : s.endpoint().ports();
    if (ports != null && !ports.isEmpty()) {
      c.out("Ports:");
      for (int i = 0; i < ports.size(); i++) {
        PortConfig p = ports.get(i);
        c.out(" PublishedPort = " + p.publishedPort());
        c.out("  Protocol = " + p.protocol());
        c.out("  TargetPort = " + p.targetPort());
        // the template's "{{- end }} {{ end -}}" leaves a space after the last one
        c.out("  PublishMode = " + p.publishMode() + (i == ports.size() - 1 ? " " : ""));
      }
    }
    healthcheck(cs.healthcheck());
  }

  /** The UpdateStatus block: when it started and, once completed, when it ended ("… ago"). */
  private void updateStatus(UpdateStatus u) {
    if (u == null || u.state() == null || u.state().isEmpty()) {
      return;
    }
    long now = c.engine.system().nowNanos();
    c.out("UpdateStatus:");
    c.out(" State:\t\t" + u.state());
    if (u.startedAt() != null) {
      c.out(" Started:\t" + ago(u.startedAt(), now));
    }
    if ("completed".equals(u.state()) && u.completedAt() != null) {
      c.out(" Completed:\t" + ago(u.completedAt(), now));
    }
    c.out(" Message:\t" + (u.message() == null ? "" : u.message()));
  }

  private static String ago(String rfc3339, long now) {
    return GoUnits.humanDuration(now - GoTime.parseRfc3339(rfc3339)) + " ago";
  }

  /**
   * An update or rollback config as swarmkit's defaults interpolate it (a proto merge: a zero field
   * of the spec takes the default's value, so a parallelism of 0 shows as 1, as on Docker).
   */
  private void config(String heading, String orderLabel, UpdateConfig u) {
    UpdateConfig d = DEFAULTS;
    long parallelism = u == null || u.parallelism() == 0 ? d.parallelism() : u.parallelism();
    long delay = u == null ? 0 : u.delay();
    String failure =
        u == null || u.failureAction() == null || u.failureAction().isEmpty()
            ? d.failureAction()
            : u.failureAction();
    long monitor = u == null || u.monitor() == 0 ? d.monitor() : u.monitor();
    double ratio = u == null ? 0 : u.maxFailureRatio();
    String order = u == null || u.order() == null || u.order().isEmpty() ? d.order() : u.order();
    c.out(heading);
    c.out(" Parallelism:\t" + parallelism);
    if (delay > 0) {
      c.out(" Delay:\t\t" + GoTime.durationString(delay));
    }
    c.out(" On failure:\t" + failure);
    c.out(" Monitoring Period: " + GoTime.durationString(monitor));
    // a float32 as %v prints it: 0, 0.5
    c.out(
        " Max failure ratio: "
            + (ratio == Math.rint(ratio)
                ? String.valueOf((long) ratio)
                : Float.toString((float) ratio)));
    c.out(" " + orderLabel + order);
  }

  /** The pretty template's Healthcheck block (durations as Go prints them). */
  private void healthcheck(dev.ddlab.engine.dto.HealthConfig h) {
    if (h == null) {
      return;
    }
    c.out(" Healthcheck:");
    c.out("  Interval = " + GoTime.durationString(h.interval()));
    c.out("  Retries = " + h.retries());
    c.out("  StartPeriod =\t" + GoTime.durationString(h.startPeriod()));
    c.out("  Timeout =\t" + GoTime.durationString(h.timeout()));
    if (h.test() != null && !h.test().isEmpty()) {
      c.out("  Tests:");
      for (int i = 0; i < h.test().size(); i++) {
        // the template's "{{- end }} {{ end -}}" leaves a space after the last one
        c.out("\t Test = " + h.test().get(i) + (i == h.test().size() - 1 ? " " : ""));
      }
    }
  }

  /** The names of the service's networks (their IDs when the daemon does not know them). */
  private List<String> networkNames(Service s) {
    List<String> out = new ArrayList<>();
    var nets = s.spec().taskTemplate().networks();
    if (nets != null) {
      for (var n : nets) {
        try {
          out.add(c.engine.networks().inspect(n.target()).name());
        } catch (EngineException e) {
          out.add(n.target());
        }
      }
    }
    return out;
  }
}
