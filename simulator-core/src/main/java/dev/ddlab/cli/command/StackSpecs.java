package dev.ddlab.cli.command;

import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.EndpointSpec;
import dev.ddlab.engine.dto.swarm.Limit;
import dev.ddlab.engine.dto.swarm.NetworkAttachmentConfig;
import dev.ddlab.engine.dto.swarm.Placement;
import dev.ddlab.engine.dto.swarm.PlacementPreference;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.ReplicatedService;
import dev.ddlab.engine.dto.swarm.ResourceRequirements;
import dev.ddlab.engine.dto.swarm.Resources;
import dev.ddlab.engine.dto.swarm.RestartPolicy;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceMode;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.SpreadOver;
import dev.ddlab.engine.dto.swarm.TaskSpec;
import dev.ddlab.engine.dto.swarm.UpdateConfig;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker/cli's cli/compose/convert for one stack: a Compose project's networks, secrets, configs
 * and services as the Engine API requests {@code docker stack deploy} sends, named {@code
 * STACK_KEY} and labelled with the stack's namespace.
 */
final class StackSpecs {
  private final String stack;
  private final Project project;

  StackSpecs(String stack, Project project) {
    this.stack = stack;
    this.project = project;
  }

  String stack() {
    return stack;
  }

  /** Namespace.Scope. */
  String scope(String key) {
    return stack + "_" + key;
  }

  /** Namespace.Descope. */
  String descope(String name) {
    return name.startsWith(stack + "_") ? name.substring(stack.length() + 1) : name;
  }

  /** AddStackLabel: the stack's namespace added to {@code labels}. */
  Map<String, String> labels(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    out.put(StackCommands.NAMESPACE, stack);
    return out;
  }

  /**
   * The loader's warnings: keys a swarm ignores (GetUnsupportedProperties, sorted) and deprecated
   * ones, as docker/cli prints them on stderr.
   */
  static List<String> warnings(Project p) {
    java.util.TreeSet<String> unsupported = new java.util.TreeSet<>();
    Map<String, String> deprecated = new TreeMap<>();
    for (Project.Service s : p.services().values()) {
      if (s.build() != null) {
        unsupported.add("build");
      }
      if (s.networkMode() != null) {
        unsupported.add("network_mode");
      }
      if (s.restart() != null) {
        unsupported.add("restart");
      }
      if (s.containerName() != null) {
        deprecated.put(s.name(), "container_name: Setting the container name is not supported.");
      }
    }
    List<String> out = new ArrayList<>();
    if (!unsupported.isEmpty()) {
      out.add("Ignoring unsupported options: " + String.join(", ", unsupported) + "\n");
    }
    if (!deprecated.isEmpty()) {
      out.add("Ignoring deprecated options:\n");
      deprecated.forEach((svc, why) -> out.add(svc + ": " + why));
      out.add("\n");
    }
    return out;
  }

  // ---- networks ---------------------------------------------------------------------------------

  private List<String> usedNetworks() {
    java.util.TreeSet<String> used = new java.util.TreeSet<>();
    for (Project.Service s : project.services().values()) {
      used.addAll(s.networks().isEmpty() ? List.of("default") : s.networks().keySet());
    }
    return List.copyOf(used);
  }

  /** The external networks the services use, by the engine's name. */
  List<String> externalNetworks() {
    List<String> out = new ArrayList<>();
    for (String key : usedNetworks()) {
      Project.Network n = project.networks().get(key);
      if (n != null && n.external()) {
        out.add(n.name());
      }
    }
    return out;
  }

  /** convert.Networks: what the stack creates (overlay unless the file says), by name. */
  List<NetworkCreateRequest> networks() {
    List<NetworkCreateRequest> out = new ArrayList<>();
    for (String key : usedNetworks()) {
      Project.Network n = project.networks().get(key);
      if (n != null && n.external()) {
        continue;
      }
      String driver =
          n == null || n.driver() == null || n.driver().isEmpty() ? "overlay" : n.driver();
      Ipam ipam = null;
      if (n != null && n.ipam() != null) {
        ipam = n.ipam().toEngine(null);
      }
      out.add(
          new NetworkCreateRequest(
              n == null ? scope(key) : n.name(),
              driver,
              n != null && n.internal(),
              n != null && n.attachable(),
              false,
              ipam,
              false,
              n == null ? Map.of() : n.driverOpts(),
              labels(n == null ? null : n.labels())));
    }
    out.sort(Comparator.comparing(NetworkCreateRequest::name));
    return out;
  }

  private String networkTarget(String key) {
    Project.Network n = project.networks().get(key);
    return n == null ? scope(key) : n.name();
  }

  // ---- secrets and configs ----------------------------------------------------------------------

  private Map<String, Project.FileObject> fileObjects(Map<String, Project.FileObject> all) {
    Map<String, Project.FileObject> out = new TreeMap<>();
    all.forEach(
        (key, o) -> {
          if (!o.external()) {
            out.put(o.name() != null ? o.name() : scope(key), o);
          }
        });
    return out;
  }

  /** convert.Secrets: the file's secrets (external ones excepted), by the name they get. */
  Map<String, Project.FileObject> secrets() {
    return fileObjects(project.secrets());
  }

  /** convert.Configs. */
  Map<String, Project.FileObject> configs() {
    return fileObjects(project.configs());
  }

  /** convertFileObject: the reference's name in the swarm, its file target, owner and mode. */
  private SecretCommands.Ref ref(Project.FileRef r, Project.FileObject o) {
    String name =
        o != null && o.external()
            ? (o.name() != null ? o.name() : r.source())
            : o != null && o.name() != null ? o.name() : scope(r.source());
    return new SecretCommands.Ref(
        name,
        new dev.ddlab.engine.dto.swarm.SecretReferenceFileTarget(
            r.target() == null ? r.source() : r.target(),
            r.uid() == null ? "0" : r.uid(),
            r.gid() == null ? "0" : r.gid(),
            r.mode() == null ? 0444 : r.mode()));
  }

  // ---- services ---------------------------------------------------------------------------------

  /** convert.Services: every service's spec by its scoped name, in name order. */
  Map<String, ServiceSpec> services(DockerCommand c) {
    Map<String, ServiceSpec> out = new TreeMap<>();
    for (Project.Service s : project.services().values()) {
      out.put(scope(s.name()), service(c, s));
    }
    return out;
  }

  private ServiceSpec service(DockerCommand c, Project.Service s) {
    Project.Deploy d = s.deploy();
    List<SecretCommands.Ref> secretRefs = new ArrayList<>();
    s.secrets().forEach(r -> secretRefs.add(ref(r, project.secrets().get(r.source()))));
    List<SecretCommands.Ref> configRefs = new ArrayList<>();
    s.configs().forEach(r -> configRefs.add(ref(r, project.configs().get(r.source()))));
    List<dev.ddlab.engine.dto.swarm.SecretReference> secrets =
        new ArrayList<>(SecretCommands.resolveSecrets(c, secretRefs));
    secrets.sort(Comparator.comparing(dev.ddlab.engine.dto.swarm.SecretReference::secretName));
    List<dev.ddlab.engine.dto.swarm.ConfigReference> configs =
        new ArrayList<>(SecretCommands.resolveConfigs(c, configRefs));
    configs.sort(Comparator.comparing(dev.ddlab.engine.dto.swarm.ConfigReference::configName));
    List<String> env = new ArrayList<>();
    s.environment().forEach((k, v) -> env.add(k + "=" + v));
    env.sort(null);
    ContainerSpec cs =
        new ContainerSpec(
                ServiceCommands.withTag(s.image()),
                labels(s.labels()),
                s.entrypoint(),
                s.command(),
                s.hostname(),
                env.isEmpty() ? null : env,
                s.workingDir(),
                s.user(),
                null,
                null,
                s.stopSignal(),
                s.tty(),
                s.stdinOpen(),
                false,
                null,
                s.stopGracePeriodSeconds() == null
                    ? null
                    : s.stopGracePeriodSeconds() * 1_000_000_000L,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)
            .withReferences(secrets, configs)
            .withMounts(mounts(s))
            .withHealthcheck(s.healthcheck() == null ? null : s.healthcheck().engine());
    List<NetworkAttachmentConfig> nets = new ArrayList<>();
    for (Map.Entry<String, Project.ServiceNetwork> e : s.networks().entrySet()) {
      String target = networkTarget(e.getKey());
      List<String> aliases = new ArrayList<>(e.getValue().aliases());
      if (!List.of("bridge", "host", "none", "default").contains(target)) {
        aliases.add(s.name());
      }
      nets.add(new NetworkAttachmentConfig(target, aliases, null));
    }
    nets.sort(Comparator.comparing(NetworkAttachmentConfig::target));
    TaskSpec task =
        new TaskSpec(
            cs,
            resources(d),
            restartPolicy(s.restart(), d == null ? null : d.restartPolicy()),
            new Placement(
                d == null || d.constraints().isEmpty() ? null : d.constraints(),
                d == null || d.preferences().isEmpty()
                    ? null
                    : d.preferences().stream()
                        .map(p -> new PlacementPreference(new SpreadOver(p)))
                        .toList(),
                d == null || d.maxReplicasPerNode() == null ? 0 : d.maxReplicasPerNode(),
                null),
            nets,
            null,
            0,
            null);
    Map<String, String> labels = labels(d == null ? null : d.labels());
    labels.put("com.docker.stack.image", s.image());
    return new ServiceSpec(
        scope(s.name()),
        labels,
        task,
        mode(d),
        update(d == null ? null : d.updateConfig()),
        update(d == null ? null : d.rollbackConfig()),
        endpoint(s, d));
  }

  /**
   * convert.Volumes: a named volume of the file becomes {@code STACK_KEY} (its {@code name:} when
   * given) with the stack's label and the volume's labels for the daemon that creates it, an
   * external one its name; binds and tmpfs as written, an anonymous volume without a source.
   */
  private List<Mount> mounts(Project.Service s) {
    List<Mount> out = new ArrayList<>();
    for (Project.ServiceVolume v : s.volumes()) {
      if (!v.type().equals("volume") || v.source() == null || v.source().isEmpty()) {
        out.add(new Mount(v.type(), v.source(), v.target(), v.readOnly()));
        continue;
      }
      Project.Volume top = project.volumes().get(v.source());
      if (top == null) {
        throw new CliException("undefined volume \"" + v.source() + "\"", 1);
      }
      Mount.VolumeOptions options =
          new Mount.VolumeOptions(v.noCopy(), top.external() ? null : labels(top.labels()));
      out.add(new Mount("volume", top.name(), v.target(), v.readOnly(), options));
    }
    return out;
  }

  private static ServiceMode mode(Project.Deploy d) {
    String mode = d == null || d.mode() == null ? "replicated" : d.mode();
    Integer replicas = d == null ? null : d.replicas();
    switch (mode) {
      case "global" -> {
        if (replicas != null) {
          throw new CliException(
              "replicas can only be used with replicated or replicated-job mode", 1);
        }
        return new ServiceMode(null, Map.of());
      }
      case "replicated", "" -> {
        return new ServiceMode(
            new ReplicatedService(replicas == null ? null : replicas.longValue()), null);
      }
      default -> throw new CliException("Unknown mode: " + mode, 1);
    }
  }

  private static EndpointSpec endpoint(Project.Service s, Project.Deploy d) {
    List<PortConfig> ports = new ArrayList<>();
    for (Project.Port p : s.ports()) {
      int published =
          p.published() == null || p.published().isEmpty() ? 0 : Integer.parseInt(p.published());
      ports.add(
          new PortConfig(
              null,
              p.protocol() == null ? "tcp" : p.protocol(),
              p.target(),
              published,
              p.mode() == null ? "ingress" : p.mode()));
    }
    ports.sort(Comparator.comparingInt(PortConfig::publishedPort));
    String mode = d == null || d.endpointMode() == null ? "" : d.endpointMode().toLowerCase();
    return new EndpointSpec(mode, ports);
  }

  private static Long duration(String s) {
    return s == null ? null : GoTime.parseDuration(s);
  }

  private static UpdateConfig update(Project.UpdateConfig u) {
    if (u == null) {
      return null;
    }
    Long delay = duration(u.delay());
    Long monitor = duration(u.monitor());
    return new UpdateConfig(
        u.parallelism() == null ? 1 : u.parallelism(),
        delay == null ? 0 : delay,
        u.failureAction() == null ? "" : u.failureAction(),
        monitor == null ? 0 : monitor,
        u.maxFailureRatio() == null ? 0 : u.maxFailureRatio(),
        u.order() == null ? "" : u.order());
  }

  /** convertRestartPolicy: deploy.restart_policy, else the service's {@code restart}. */
  private static RestartPolicy restartPolicy(String restart, Project.RestartPolicy p) {
    if (p != null) {
      return new RestartPolicy(
          p.condition(),
          duration(p.delay()),
          p.maxAttempts() == null ? null : p.maxAttempts().longValue(),
          duration(p.window()));
    }
    if (restart == null || restart.equals("no") || restart.isEmpty()) {
      return null;
    }
    if (restart.equals("always") || restart.equals("unless-stopped")) {
      return new RestartPolicy("any", null, null, null);
    }
    if (restart.startsWith("on-failure")) {
      int colon = restart.indexOf(':');
      long attempts = colon < 0 ? 0 : Long.parseLong(restart.substring(colon + 1));
      return new RestartPolicy("on-failure", null, attempts, null);
    }
    throw new CliException("unknown restart policy: " + restart, 1);
  }

  private static ResourceRequirements resources(Project.Deploy d) {
    if (d == null || (d.limits() == null && d.reservations() == null)) {
      return new ResourceRequirements(null, null);
    }
    Limit limits =
        d.limits() == null
            ? null
            : new Limit(cpus(d.limits().cpus()), memory(d.limits().memory()), 0);
    Resources reservations =
        d.reservations() == null
            ? null
            : new Resources(cpus(d.reservations().cpus()), memory(d.reservations().memory()));
    return new ResourceRequirements(limits, reservations);
  }

  private static long cpus(String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(s) * 1_000_000_000L);
    } catch (NumberFormatException e) {
      throw new CliException("failed to parse " + s + " as a rational number", 1);
    }
  }

  private static long memory(String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    try {
      return GoUnits.ramInBytes(s);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 1);
    }
  }

  /**
   * What an update sends for a service already deployed: the running image when the file's is
   * unchanged (so no needless rollout) and the running ForceUpdate.
   */
  static ServiceSpec keepRunning(ServiceSpec spec, Service have) {
    TaskSpec t = spec.taskTemplate();
    ContainerSpec c = t.containerSpec();
    String fileImage = spec.labels().get("com.docker.stack.image");
    String haveLabel =
        have.spec().labels() == null ? null : have.spec().labels().get("com.docker.stack.image");
    if (fileImage != null && fileImage.equals(haveLabel)) {
      c = c.withImage(have.spec().taskTemplate().containerSpec().image());
    }
    return new ServiceSpec(
        spec.name(),
        spec.labels(),
        new TaskSpec(
            c,
            t.resources(),
            t.restartPolicy(),
            t.placement(),
            t.networks(),
            t.logDriver(),
            have.spec().taskTemplate().forceUpdate(),
            t.runtime()),
        spec.mode(),
        spec.updateConfig(),
        spec.rollbackConfig(),
        spec.endpointSpec());
  }
}
