package dev.ddlab.cli.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.Port;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.cli.compose.types.Project.ServiceVolume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker compose config}: the project in canonical form, as compose prints it (interpolated,
 * long forms, absolute build contexts, engine names of networks and volumes; services and their
 * keys sorted).
 */
final class CanonicalConfig {
  private CanonicalConfig() {}

  static Map<String, Object> render(Project p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", p.name());
    Map<String, Object> services = new TreeMap<>();
    for (Service s : p.services().values()) {
      services.put(s.name(), service(p, s));
    }
    doc.put("services", services);
    if (!p.networks().isEmpty()) {
      Map<String, Object> nets = new TreeMap<>();
      for (Project.Network n : p.networks().values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        if (!n.driver().isEmpty()) {
          m.put("driver", n.driver());
        }
        if (!n.driverOpts().isEmpty()) {
          m.put("driver_opts", new TreeMap<>(n.driverOpts()));
        }
        if (n.ipam() != null) {
          Map<String, Object> ipam = new LinkedHashMap<>();
          if (n.ipam().driver() != null) {
            ipam.put("driver", n.ipam().driver());
          }
          List<Map<String, Object>> pools = new ArrayList<>();
          for (Project.IpamPool pool : n.ipam().config()) {
            Map<String, Object> c = new LinkedHashMap<>();
            putIfSet(c, "subnet", pool.subnet());
            putIfSet(c, "gateway", pool.gateway());
            putIfSet(c, "ip_range", pool.ipRange());
            if (!pool.auxAddresses().isEmpty()) {
              c.put("aux_addresses", new TreeMap<>(pool.auxAddresses()));
            }
            pools.add(c);
          }
          if (!pools.isEmpty()) {
            ipam.put("config", pools);
          }
          if (!n.ipam().options().isEmpty()) {
            ipam.put("options", new TreeMap<>(n.ipam().options()));
          }
          m.put("ipam", ipam);
        }
        if (n.external()) {
          m.put("external", true);
        }
        if (n.internal()) {
          m.put("internal", true);
        }
        if (n.attachable()) {
          m.put("attachable", true);
        }
        if (!n.labels().isEmpty()) {
          m.put("labels", new TreeMap<>(n.labels()));
        }
        nets.put(n.key(), m);
      }
      doc.put("networks", nets);
    }
    if (!p.volumes().isEmpty()) {
      Map<String, Object> vols = new TreeMap<>();
      for (Project.Volume v : p.volumes().values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        if (!v.driver().equals("local")) {
          m.put("driver", v.driver());
        }
        if (!v.driverOpts().isEmpty()) {
          m.put("driver_opts", new TreeMap<>(v.driverOpts()));
        }
        if (v.external()) {
          m.put("external", true);
        }
        if (!v.labels().isEmpty()) {
          m.put("labels", new TreeMap<>(v.labels()));
        }
        vols.put(v.key(), m);
      }
      doc.put("volumes", vols);
    }
    putObjects(doc, "secrets", p, p.secrets());
    putObjects(doc, "configs", p, p.configs());
    return doc;
  }

  /** Top-level secrets or configs as compose-go's FileObjectConfig, named as it names them. */
  private static void putObjects(
      Map<String, Object> doc, String key, Project p, Map<String, Project.FileObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    Map<String, Object> out = new TreeMap<>();
    objects.forEach(
        (k, o) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", ComposeFiles.name(p, o));
          put(m, "file", o.file());
          put(m, "environment", o.environment());
          put(m, "content", o.content());
          if (o.external()) {
            m.put("external", true);
          }
          if (!o.labels().isEmpty()) {
            m.put("labels", new TreeMap<>(o.labels()));
          }
          out.put(k, m);
        });
    doc.put(key, out);
  }

  /** A service's secrets or configs in the long form (source, target, uid, gid, mode). */
  private static void putRefs(Map<String, Object> m, String key, List<Project.FileRef> refs) {
    if (refs.isEmpty()) {
      return;
    }
    List<Object> out = new ArrayList<>();
    for (Project.FileRef r : refs) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("source", r.source());
      putIfSet(x, "target", r.target());
      putIfSet(x, "uid", r.uid());
      putIfSet(x, "gid", r.gid());
      put(x, "mode", r.mode());
      out.add(x);
    }
    m.put(key, out);
  }

  private static Map<String, Object> service(Project p, Service s) {
    Map<String, Object> m = new TreeMap<>();
    if (s.build() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("context", s.build().context());
      b.put("dockerfile", s.build().dockerfile());
      if (!s.build().args().isEmpty()) {
        b.put("args", new TreeMap<>(s.build().args()));
      }
      if (s.build().target() != null) {
        b.put("target", s.build().target());
      }
      m.put("build", b);
    }
    put(m, "command", s.command());
    put(m, "entrypoint", s.entrypoint());
    put(m, "container_name", s.containerName());
    if (!s.dependsOn().isEmpty()) {
      Map<String, Object> deps = new TreeMap<>();
      s.dependsOn()
          .forEach(
              (k, v) -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("condition", v.condition());
                d.put("required", v.required());
                deps.put(k, d);
              });
      m.put("depends_on", deps);
    }
    if (s.replicas() != null) {
      m.put("deploy", Map.of("replicas", s.replicas()));
    }
    if (!s.environment().isEmpty()) {
      m.put("environment", new TreeMap<>(s.environment()));
    }
    if (!s.profiles().isEmpty()) {
      m.put("profiles", s.profiles());
    }
    if (!s.expose().isEmpty()) {
      m.put("expose", s.expose());
    }
    if (s.healthcheck() != null) {
      Map<String, Object> h = new LinkedHashMap<>();
      put(h, "test", s.healthcheck().test());
      put(h, "timeout", s.healthcheck().timeout());
      put(h, "interval", s.healthcheck().interval());
      put(h, "retries", s.healthcheck().retries());
      put(h, "start_period", s.healthcheck().startPeriod());
      m.put("healthcheck", h);
    }
    put(m, "hostname", s.hostname());
    put(m, "image", s.image());
    if (!s.labels().isEmpty()) {
      m.put("labels", new TreeMap<>(s.labels()));
    }
    put(m, "network_mode", s.networkMode());
    if (!s.networks().isEmpty()) {
      Map<String, Object> nets = new TreeMap<>();
      s.networks()
          .forEach(
              (k, v) -> {
                if (v.aliases().isEmpty() && v.ipv4Address() == null) {
                  nets.put(k, null);
                } else {
                  Map<String, Object> n = new LinkedHashMap<>();
                  if (!v.aliases().isEmpty()) {
                    n.put("aliases", v.aliases());
                  }
                  put(n, "ipv4_address", v.ipv4Address());
                  nets.put(k, n);
                }
              });
      m.put("networks", nets);
    }
    if (!s.ports().isEmpty()) {
      List<Object> ports = new ArrayList<>();
      for (Port port : s.ports()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("mode", port.mode());
        if (!port.hostIp().isEmpty()) {
          x.put("host_ip", port.hostIp());
        }
        x.put("target", port.target());
        if (!port.published().isEmpty()) {
          x.put("published", port.published());
        }
        x.put("protocol", port.protocol());
        ports.add(x);
      }
      m.put("ports", ports);
    }
    put(m, "restart", s.restart());
    put(m, "stop_signal", s.stopSignal());
    if (s.tty()) {
      m.put("tty", true);
    }
    if (s.stdinOpen()) {
      m.put("stdin_open", true);
    }
    put(m, "user", s.user());
    if (!s.volumes().isEmpty()) {
      List<Object> vols = new ArrayList<>();
      for (ServiceVolume v : s.volumes()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("type", v.type());
        if (!v.source().isEmpty()) {
          x.put("source", v.source());
        }
        x.put("target", v.target());
        if (v.readOnly()) {
          x.put("read_only", true);
        }
        if (v.type().equals("bind")) {
          x.put("bind", v.createHostPath() ? Map.of("create_host_path", true) : Map.of());
        } else if (v.type().equals("volume")) {
          x.put("volume", v.noCopy() ? Map.of("nocopy", true) : Map.of());
        }
        vols.add(x);
      }
      m.put("volumes", vols);
    }
    putRefs(m, "secrets", s.secrets());
    putRefs(m, "configs", s.configs());
    put(m, "working_dir", s.workingDir());
    return m;
  }

  /**
   * The document as Go's json.MarshalIndent(project, "", " ") writes it: two spaces, {@code "key":
   * value}, one array element a line, {@code {}} and {@code []} when empty.
   */
  static String json(Map<String, Object> doc) throws JsonProcessingException {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators)
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    return new ObjectMapper().writer(printer).writeValueAsString(doc);
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }
}
