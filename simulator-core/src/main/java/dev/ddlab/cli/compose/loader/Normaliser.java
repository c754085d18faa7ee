package dev.ddlab.cli.compose.loader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.Build;
import dev.ddlab.cli.compose.types.Project.DependsOn;
import dev.ddlab.cli.compose.types.Project.Healthcheck;
import dev.ddlab.cli.compose.types.Project.IpamConfig;
import dev.ddlab.cli.compose.types.Project.IpamPool;
import dev.ddlab.cli.compose.types.Project.Network;
import dev.ddlab.cli.compose.types.Project.Port;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.cli.compose.types.Project.ServiceNetwork;
import dev.ddlab.cli.compose.types.Project.ServiceVolume;
import dev.ddlab.cli.compose.types.Project.Volume;
import dev.ddlab.fs.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compose-go's normalisation and consistency checks: short forms to long ({@code "5001:8080"},
 * {@code "vol:/data:ro"}, {@code depends_on: [a]}), environment lists to maps, relative bind
 * sources against the project directory, the implicit {@code default} network, engine names {@code
 * <project>_<key>} for networks and volumes, and the errors of a project that refers to what it
 * does not define.
 */
final class Normaliser {
  private final String project;
  private final String workingDir;
  private final Map<String, String> env;
  private final EnvFiles envFiles;

  /** Reads {@code env_file}s (relative to the project directory). */
  interface EnvFiles {
    String read(String absolutePath);
  }

  Normaliser(String project, String workingDir, Map<String, String> env, EnvFiles envFiles) {
    this.project = project;
    this.workingDir = workingDir;
    this.env = env;
    this.envFiles = envFiles;
  }

  Project project(JsonNode doc, List<String> files) {
    return project(doc, files, List.of());
  }

  Project project(JsonNode doc, List<String> files, List<ComposeLoader.Included> included) {
    Map<String, Service> services = new LinkedHashMap<>();
    JsonNode s = doc.get("services");
    if (s != null && s.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().startsWith("x-")) {
          services.put(e.getKey(), service(e.getKey(), e.getValue()));
        }
      }
    }
    Map<String, Network> networks = new LinkedHashMap<>();
    JsonNode n = doc.get("networks");
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> networks.put(e.getKey(), network(e.getKey(), e.getValue())));
    }
    boolean usesDefault =
        services.values().stream()
            .anyMatch(v -> v.networkMode() == null && v.networks().containsKey("default"));
    if (usesDefault && !networks.containsKey("default")) {
      networks.put(
          "default",
          new Network(
              "default", project + "_default", "", Map.of(), false, false, false, null, Map.of()));
    }
    Map<String, Volume> volumes = new LinkedHashMap<>();
    JsonNode v = doc.get("volumes");
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> volumes.put(e.getKey(), volume(e.getKey(), e.getValue())));
    }
    Project p =
        new Project(
            project,
            workingDir,
            files,
            services,
            networks,
            volumes,
            env,
            SwarmKeys.objects(doc.get("secrets"), workingDir),
            SwarmKeys.objects(doc.get("configs"), workingDir));
    for (ComposeLoader.Included i : included) {
      importResources(p, i.project(), i.paths());
    }
    check(p);
    return p;
  }

  /**
   * compose-go's importResources: what an included project defines joins this one; a name both
   * define is an error, but for the implicit {@code default} network both may add.
   */
  private static void importResources(Project into, Project from, List<String> paths) {
    String where = "imported compose file [" + String.join(" ", paths) + "] defines conflicting ";
    Map<String, Service> all = from.allServices();
    all.forEach((k, v) -> add(into.services(), k, v, where + "service "));
    from.networks()
        .forEach(
            (k, v) -> {
              if (!(k.equals("default") && into.networks().containsKey(k))) {
                add(into.networks(), k, v, where + "network ");
              }
            });
    from.volumes().forEach((k, v) -> add(into.volumes(), k, v, where + "volume "));
    from.secrets().forEach((k, v) -> add(into.secrets(), k, v, where + "secret "));
    from.configs().forEach((k, v) -> add(into.configs(), k, v, where + "config "));
  }

  private static <V> void add(Map<String, V> into, String key, V value, String conflict) {
    if (into.containsKey(key)) {
      throw new ComposeException(conflict + key);
    }
    into.put(key, value);
  }

  private void check(Project p) {
    for (Service s : p.services().values()) {
      if (s.build() == null && (s.image() == null || s.image().isEmpty())) {
        throw ComposeException.invalid(
            "service \"" + s.name() + "\" has neither an image nor a build context specified");
      }
      for (String net : s.networks().keySet()) {
        if (!p.networks().containsKey(net)) {
          throw ComposeException.invalid(
              "service \"" + s.name() + "\" refers to undefined network " + net);
        }
      }
      for (ServiceVolume sv : s.volumes()) {
        if (sv.type().equals("volume")
            && !sv.source().isEmpty()
            && !p.volumes().containsKey(sv.source())) {
          throw ComposeException.invalid(
              "service \"" + s.name() + "\" refers to undefined volume " + sv.source());
        }
      }
      for (Project.FileRef r : s.secrets()) {
        if (!p.secrets().containsKey(r.source())) {
          throw ComposeException.invalid(
              "service \"" + s.name() + "\" refers to undefined secret " + r.source());
        }
      }
      for (Project.FileRef r : s.configs()) {
        if (!p.configs().containsKey(r.source())) {
          throw ComposeException.invalid(
              "service \"" + s.name() + "\" refers to undefined config " + r.source());
        }
      }
      for (String d : s.dependsOn().keySet()) {
        if (!p.services().containsKey(d)) {
          throw ComposeException.invalid(
              "service \"" + s.name() + "\" depends on undefined service " + d);
        }
      }
    }
  }

  private Service service(String name, JsonNode n) {
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode ef = n.get("env_file");
    if (ef != null) {
      for (String f : strings(ef)) {
        String path = Paths.resolve(workingDir, f);
        String text = envFiles.read(path);
        if (text == null) {
          throw new ComposeException(
              "env file " + path + " not found: stat " + path + ": no such file or directory");
        }
        environment.putAll(DotEnv.parse(text, env));
      }
    }
    environment.putAll(keyValues(n.get("environment"), true));
    Map<String, ServiceNetwork> networks = new LinkedHashMap<>();
    JsonNode nets = n.get("networks");
    String networkMode = text(n, "network_mode");
    if (nets != null && nets.isArray()) {
      for (JsonNode x : nets) {
        networks.put(x.asText(), new ServiceNetwork(List.of(), null));
      }
    } else if (nets != null && nets.isObject()) {
      nets.fields()
          .forEachRemaining(
              e -> {
                JsonNode o = e.getValue();
                List<String> aliases =
                    o != null && o.has("aliases") ? strings(o.get("aliases")) : List.of();
                networks.put(
                    e.getKey(),
                    new ServiceNetwork(aliases, o == null ? null : text(o, "ipv4_address")));
              });
    }
    if (networks.isEmpty() && networkMode == null) {
      networks.put("default", new ServiceNetwork(List.of(), null));
    }
    Map<String, DependsOn> deps = new LinkedHashMap<>();
    JsonNode d = n.get("depends_on");
    if (d != null && d.isArray()) {
      for (JsonNode x : d) {
        deps.put(x.asText(), new DependsOn("service_started", false, true));
      }
    } else if (d != null && d.isObject()) {
      d.fields()
          .forEachRemaining(
              e -> {
                JsonNode o = e.getValue();
                deps.put(
                    e.getKey(),
                    new DependsOn(
                        o.has("condition") ? o.get("condition").asText() : "service_started",
                        o.path("restart").asBoolean(false),
                        o.path("required").asBoolean(true)));
              });
    }
    Integer replicas = null;
    if (n.has("scale")) {
      replicas = n.get("scale").asInt();
    }
    JsonNode deploy = n.get("deploy");
    if (deploy != null && deploy.has("replicas")) {
      replicas = deploy.get("replicas").asInt();
    }
    return new Service(
        name,
        text(n, "image"),
        build(n.get("build")),
        command(n.get("command")),
        command(n.get("entrypoint")),
        ports(n.get("ports")),
        n.has("expose") ? strings(n.get("expose")) : List.of(),
        environment,
        networks,
        volumes(n.get("volumes"), name),
        deps,
        text(n, "restart"),
        replicas,
        healthcheck(n.get("healthcheck")),
        keyValues(n.get("labels"), false),
        text(n, "container_name"),
        text(n, "hostname"),
        text(n, "working_dir"),
        text(n, "user"),
        n.path("tty").asBoolean(false),
        n.path("stdin_open").asBoolean(false),
        networkMode,
        text(n, "stop_signal"),
        n.has("stop_grace_period") ? seconds(n.get("stop_grace_period").asText()) : null,
        SwarmKeys.deploy(deploy),
        SwarmKeys.refs(n.get("secrets")),
        SwarmKeys.refs(n.get("configs")),
        n.has("profiles") ? strings(n.get("profiles")) : List.of());
  }

  private static Integer seconds(String d) {
    try {
      if (d.endsWith("ms")) {
        return Integer.parseInt(d.substring(0, d.length() - 2)) / 1000;
      }
      if (d.endsWith("m")) {
        return Integer.parseInt(d.substring(0, d.length() - 1)) * 60;
      }
      if (d.endsWith("s")) {
        return Integer.parseInt(d.substring(0, d.length() - 1));
      }
      return Integer.parseInt(d);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }

  /** A string is split as a shell would (shellwords); a list is taken as it is. */
  private static List<String> command(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isArray()) {
      return strings(n);
    }
    return ShellWords.split(n.asText());
  }

  /** {@code KEY=VALUE} lists or mappings; in environments a bare KEY comes from the shell. */
  private Map<String, String> keyValues(JsonNode n, boolean fromEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      for (JsonNode x : n) {
        String s = x.asText();
        int eq = s.indexOf('=');
        if (eq >= 0) {
          out.put(s.substring(0, eq), s.substring(eq + 1));
        } else if (!fromEnv) {
          out.put(s, "");
        } else if (env.containsKey(s)) {
          out.put(s, env.get(s));
        }
      }
    } else {
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue() == null || e.getValue().isNull()) {
                  if (!fromEnv) {
                    out.put(e.getKey(), "");
                  } else if (env.containsKey(e.getKey())) {
                    out.put(e.getKey(), env.get(e.getKey()));
                  }
                } else {
                  out.put(e.getKey(), e.getValue().asText());
                }
              });
    }
    return out;
  }

  private Build build(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return new Build(Paths.resolve(workingDir, n.asText()), "Dockerfile", Map.of(), null);
    }
    return new Build(
        Paths.resolve(workingDir, n.has("context") ? n.get("context").asText() : "."),
        n.has("dockerfile") ? n.get("dockerfile").asText() : "Dockerfile",
        keyValues(n.get("args"), true),
        text(n, "target"));
  }

  private List<Port> ports(JsonNode n) {
    List<Port> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    for (JsonNode p : n) {
      if (p.isObject()) {
        out.add(
            new Port(
                p.path("target").asInt(),
                p.hasNonNull("published") ? p.get("published").asText() : "",
                p.hasNonNull("protocol") ? p.get("protocol").asText() : "tcp",
                p.hasNonNull("host_ip") ? p.get("host_ip").asText() : "",
                p.hasNonNull("mode") ? p.get("mode").asText() : "ingress"));
      } else {
        out.add(shortPort(p.asText()));
      }
    }
    return out;
  }

  /** {@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}. */
  static Port shortPort(String spec) {
    String protocol = "tcp";
    String s = spec;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      protocol = s.substring(slash + 1);
      s = s.substring(0, slash);
    }
    String[] parts = s.split(":");
    String hostIp = "";
    String published = "";
    String target;
    if (parts.length == 1) {
      target = parts[0];
    } else if (parts.length == 2) {
      published = parts[0];
      target = parts[1];
    } else {
      hostIp = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
      published = parts[parts.length - 2];
      target = parts[parts.length - 1];
    }
    int t;
    try {
      t = Integer.parseInt(target);
    } catch (NumberFormatException e) {
      throw new ComposeException("Invalid containerPort: " + target);
    }
    return new Port(t, published, protocol, hostIp, "ingress");
  }

  private List<ServiceVolume> volumes(JsonNode n, String service) {
    List<ServiceVolume> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    for (JsonNode v : n) {
      if (v.isObject()) {
        String type = v.hasNonNull("type") ? v.get("type").asText() : "volume";
        String source = v.hasNonNull("source") ? v.get("source").asText() : "";
        if (type.equals("bind")) {
          source = Paths.resolve(workingDir, expandHome(source));
        }
        out.add(
            new ServiceVolume(
                type,
                source,
                v.path("target").asText(),
                v.path("read_only").asBoolean(false),
                v.path("volume").path("nocopy").asBoolean(false),
                v.path("bind").path("create_host_path").asBoolean(false)));
      } else {
        out.add(shortVolume(v.asText()));
      }
    }
    return out;
  }

  /** {@code [SOURCE:]TARGET[:MODE]}: a path source is a bind, a name a volume, none anonymous. */
  private ServiceVolume shortVolume(String spec) {
    String[] parts = spec.split(":");
    if (parts.length == 1) {
      return new ServiceVolume("volume", "", parts[0], false, false);
    }
    String src = parts[0];
    String dst = parts[1];
    boolean ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
    if (src.startsWith(".") || src.startsWith("/") || src.startsWith("~")) {
      return new ServiceVolume(
          "bind", Paths.resolve(workingDir, expandHome(src)), dst, ro, false, true);
    }
    return new ServiceVolume("volume", src, dst, ro, false);
  }

  private String expandHome(String p) {
    if (p.startsWith("~")) {
      return env.getOrDefault("HOME", "/root") + p.substring(1);
    }
    return p;
  }

  private static Healthcheck healthcheck(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    List<String> test = null;
    JsonNode t = n.get("test");
    if (t != null && t.isTextual()) {
      test = List.of("CMD-SHELL", t.asText());
    } else if (t != null) {
      test = strings(t);
    }
    return new Healthcheck(
        test,
        text(n, "interval"),
        text(n, "timeout"),
        n.has("retries") ? n.get("retries").asInt() : null,
        text(n, "start_period"),
        n.path("disable").asBoolean(false));
  }

  private Network network(String key, JsonNode n) {
    boolean external = n != null && external(n);
    String name = n != null && n.hasNonNull("name") ? n.get("name").asText() : null;
    if (name == null) {
      name = external ? key : project + "_" + key;
    }
    IpamConfig ipam = null;
    if (n != null && n.has("ipam")) {
      JsonNode i = n.get("ipam");
      List<IpamPool> configs = new ArrayList<>();
      if (i.has("config")) {
        for (JsonNode c : i.get("config")) {
          configs.add(
              new IpamPool(
                  text(c, "subnet"),
                  text(c, "gateway"),
                  text(c, "ip_range"),
                  keyValues(c.get("aux_addresses"), false)));
        }
      }
      ipam = new IpamConfig(text(i, "driver"), configs, keyValues(i.get("options"), false));
    }
    return new Network(
        key,
        name,
        n == null || !n.hasNonNull("driver") ? "" : n.get("driver").asText(),
        n == null ? Map.of() : keyValues(n.get("driver_opts"), false),
        n != null && n.path("attachable").asBoolean(false),
        n != null && n.path("internal").asBoolean(false),
        external,
        ipam,
        n == null ? Map.of() : keyValues(n.get("labels"), false));
  }

  private Volume volume(String key, JsonNode n) {
    boolean external = n != null && external(n);
    String name = n != null && n.hasNonNull("name") ? n.get("name").asText() : null;
    if (name == null) {
      name = external ? key : project + "_" + key;
    }
    return new Volume(
        key,
        name,
        n == null || !n.hasNonNull("driver") ? "local" : n.get("driver").asText(),
        n == null ? Map.of() : keyValues(n.get("driver_opts"), false),
        external,
        n == null ? Map.of() : keyValues(n.get("labels"), false));
  }

  private static boolean external(JsonNode n) {
    JsonNode e = n.get("external");
    return e != null && (e.asBoolean(false) || e.isObject());
  }
}
