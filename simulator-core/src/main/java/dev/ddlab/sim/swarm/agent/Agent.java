package dev.ddlab.sim.swarm.agent;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigReference;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.NetworkAttachment;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretReference;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.network.IngressRouting;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.swarm.ServiceRecords;
import dev.ddlab.sim.swarm.TaskState;
import dev.ddlab.sim.swarm.dispatcher.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * swarmkit's agent and its Docker executor on one node: it takes the tasks the dispatcher assigns,
 * runs each through accepted, preparing (pulling the image), starting and running by calling this
 * node's own containers API, stops and removes the container of a task whose desired state became
 * shutdown, watches its containers (an exited one makes the task complete or failed) and reports
 * every status to the leader at once and with each heartbeat.
 */
public final class Agent {
  private final String nodeId;
  private final Engine engine;
  private final VirtualClock clock;
  private final Consumer<Dispatcher.Heartbeat> report;
  private final TaskNetworks networks;
  private final NetworkController network;
  private final ServiceRecords records;
  private final TaskFiles files;
  private final PayloadTemplates templates;
  private Map<String, Secret> secrets = Map.of();
  private Map<String, Config> configs = Map.of();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Dispatcher.Report> status = new LinkedHashMap<>();
  private final Map<String, String> containers = new LinkedHashMap<>();
  private final Map<String, Task> attached = new LinkedHashMap<>();
  private Map<String, String> serviceNames = Map.of();
  private Map<String, Map<String, String>> serviceLabels = Map.of();
  private Map<String, Map<String, String>> serviceVips = Map.of();
  private Map<String, List<PortConfig>> servicePorts = Map.of();
  private Map<String, String> loadBalancers = Map.of();
  private SwarmNetwork ingress;
  private String ingressAddress;
  private boolean stopped;
  private boolean healthWatch;
  private final SeededRandom jitter;

  /** Tasks whose unhealthy container is being stopped. */
  private final java.util.Set<String> stoppingUnhealthy = new java.util.HashSet<>();

  /**
   * @param network the node's libnetwork controller (the task's swarm networks are made there)
   * @param records the cluster's service records, where running tasks publish their names
   * @param files the node's daemon, which mounts a task's secrets and configs into its container
   * @param templates how templated secrets and configs are expanded for a task
   * @param jitter draws each heartbeat's period ({@link Dispatcher#heartbeatPeriod})
   * @param report sends a heartbeat to the leader (the node picks the address)
   */
  public Agent(
      String nodeId,
      Engine engine,
      NetworkController network,
      ServiceRecords records,
      TaskFiles files,
      PayloadTemplates templates,
      VirtualClock clock,
      SeededRandom jitter,
      Consumer<Dispatcher.Heartbeat> report) {
    this.nodeId = nodeId;
    this.jitter = jitter;
    this.engine = engine;
    this.networks = new TaskNetworks(network);
    this.network = network;
    this.records = records;
    this.files = files;
    this.templates = templates;
    this.clock = clock;
    this.report = report;
  }

  public void start() {
    clock.scheduleUpkeep(Duration.ZERO, this::heartbeat);
  }

  public void stop() {
    stopped = true;
    containers.keySet().forEach(records::remove);
  }

  public String nodeId() {
    return nodeId;
  }

  /**
   * The ingress network as the dispatcher last sent it (every node has a sandbox on it), or null.
   */
  public SwarmNetwork ingress() {
    return ingress;
  }

  /** This node's address on the ingress network, or null. */
  public String ingressAddress() {
    return ingressAddress;
  }

  /**
   * The swarm networks this node has joined: those its tasks with a container attach (a worker
   * learns of an overlay network only when a task needs it there).
   */
  public List<SwarmNetwork> taskNetworks() {
    Map<String, SwarmNetwork> out = new LinkedHashMap<>();
    for (Task t : tasks.values()) {
      if (containers.containsKey(t.id()) && t.networksAttachments() != null) {
        for (NetworkAttachment a : t.networksAttachments()) {
          out.putIfAbsent(a.network().id(), a.network());
        }
      }
    }
    for (Task t : attached.values()) {
      t.networksAttachments().forEach(a -> out.putIfAbsent(a.network().id(), a.network()));
    }
    return List.copyOf(out.values());
  }

  /**
   * The network attachment task of a standalone container on a network, once this agent made the
   * network for it (moby's network attacher controller: prepared and started), or null.
   */
  public Task attachment(String containerId, String networkId) {
    for (Task t : attached.values()) {
      if (t.spec().networkAttachmentSpec().containerId().equals(containerId)
          && t.networksAttachments().get(0).network().id().equals(networkId)) {
        return t;
      }
    }
    return null;
  }

  /** The dispatcher's assignments arrived. */
  public void assign(Dispatcher.Assignments a) {
    if (stopped) {
      return;
    }
    serviceNames = a.serviceNames();
    serviceLabels = a.serviceLabels() == null ? Map.of() : a.serviceLabels();
    serviceVips = a.serviceVips() == null ? Map.of() : a.serviceVips();
    servicePorts = a.servicePorts() == null ? Map.of() : a.servicePorts();
    loadBalancers = a.loadBalancers() == null ? Map.of() : a.loadBalancers();
    ingress = a.ingress();
    ingressAddress = a.ingressAddress();
    if (ingress != null && ingressAddress != null) {
      // moby's SetupIngress: the node's ingress sandbox, once
      network.ingress().createSandbox(ingress.id(), TaskNetworks.request(ingress), ingressAddress);
    }
    secrets = byId(a.secrets(), Secret::id);
    configs = byId(a.configs(), Config::id);
    Map<String, Task> now = new LinkedHashMap<>();
    for (Task t : a.tasks()) {
      now.put(t.id(), t);
    }
    for (String gone : List.copyOf(tasks.keySet())) {
      if (!now.containsKey(gone)) {
        removeContainer(gone);
        status.remove(gone);
      }
    }
    tasks.clear();
    tasks.putAll(now);
    if (step()) {
      send();
    }
    for (SwarmNetwork n : taskNetworks()) {
      networks.loadBalancer(n.id(), loadBalancers); // its address may come after the network
    }
  }

  private void heartbeat() {
    if (stopped) {
      return;
    }
    step();
    send();
    clock.scheduleUpkeep(Duration.ofNanos(Dispatcher.heartbeatPeriod(jitter)), this::heartbeat);
  }

  private void send() {
    report.accept(new Dispatcher.Heartbeat(nodeId, List.copyOf(status.values())));
  }

  /** Moves every task as far as it goes now; whether any status changed. */
  private boolean step() {
    boolean changed = false;
    for (Task t : tasks.values()) {
      if (t.spec() != null && t.spec().isAttachment()) {
        changed |= attach(t);
        continue;
      }
      TaskState have =
          status.containsKey(t.id())
              ? TaskState.of(status.get(t.id()).state())
              : TaskState.of(t.status().state());
      if (have.terminal()) {
        removeContainer(t.id());
        continue;
      }
      if (!"running".equals(t.desiredState())) {
        if (containers.containsKey(t.id()) || have.ordinal() < TaskState.SHUTDOWN.ordinal()) {
          removeContainer(t.id());
          put(t.id(), "shutdown", "shutdown", "", exitCodeless(t.id()));
          changed = true;
        }
        continue;
      }
      if (have.ordinal() < TaskState.RUNNING.ordinal() && containers.containsKey(t.id())) {
        changed |= awaitHealthy(t);
      } else if (have.ordinal() < TaskState.RUNNING.ordinal()) {
        changed = true;
        run(t);
      } else if (have == TaskState.RUNNING) {
        changed |= watch(t);
      }
    }
    return changed;
  }

  /**
   * A standalone container's network attachment (moby's networkAttacherController): once the
   * allocator gave it its address, the network is made on this node and the task runs; the
   * container takes the address.
   */
  private boolean attach(Task t) {
    if (attached.containsKey(t.id())
        || !"running".equals(t.desiredState())
        || t.networksAttachments() == null
        || t.networksAttachments().isEmpty()) {
      return false;
    }
    try {
      networks.create(t.networksAttachments(), loadBalancers);
    } catch (EngineException e) {
      put(t.id(), "rejected", "preparing", e.getMessage(), "");
      return true;
    }
    attached.put(t.id(), t);
    put(t.id(), "running", "started", "", "");
    return true;
  }

  private String exitCodeless(String taskId) {
    Dispatcher.Report r = status.get(taskId);
    return r == null ? "" : r.containerId();
  }

  private void run(Task t) {
    ContainerSpec spec = t.spec().containerSpec();
    String image = spec.image();
    put(t.id(), "preparing", "preparing", "", "");
    try {
      try {
        engine.images().inspect(image);
      } catch (EngineException e) {
        if (e.status() != 404) {
          throw e;
        }
        engine.images().pull(image, null, false, ProgressMessage.UNREAD);
      }
      put(t.id(), "starting", "starting", "", "");
      String name = containerName(t);
      List<String> cmd = spec.args() == null || spec.args().isEmpty() ? null : spec.args();
      Map<String, String> labels = new LinkedHashMap<>();
      if (spec.labels() != null) {
        labels.putAll(spec.labels());
      }
      labels.put("com.docker.swarm.node.id", nodeId);
      labels.put("com.docker.swarm.service.id", t.serviceId());
      labels.put("com.docker.swarm.service.name", serviceNames.getOrDefault(t.serviceId(), ""));
      labels.put("com.docker.swarm.task", "");
      labels.put("com.docker.swarm.task.id", t.id());
      labels.put("com.docker.swarm.task.name", name);
      ContainerConfig base = ContainerConfig.command(image, cmd == null ? List.of() : cmd);
      ContainerConfig cfg =
          new ContainerConfig(
              spec.hostname() == null ? "" : spec.hostname(),
              base.domainname(),
              spec.user() == null ? "" : spec.user(),
              false,
              false,
              false,
              base.exposedPorts(),
              spec.tty(),
              spec.openStdin(),
              false,
              spec.env(),
              cmd,
              spec.healthcheck(),
              image,
              base.volumes(),
              spec.dir() == null ? "" : spec.dir(),
              spec.command() == null || spec.command().isEmpty() ? null : spec.command(),
              base.onBuild(),
              labels,
              spec.stopSignal(),
              null);
      // moby's executor: the task's networks on this node first, the container on the first one
      // (network mode), then connected to the others, each at the allocator's address
      List<NetworkAttachment> nets =
          t.networksAttachments() == null ? List.of() : t.networksAttachments();
      networks.create(nets, loadBalancers);
      HostConfig host = HostConfig.none();
      if (spec.mounts() != null && !spec.mounts().isEmpty()) {
        host = host.toBuilder().mounts(spec.mounts()).build();
      }
      Map<String, List<PortBinding>> hostPorts = hostModePorts(t);
      if (!hostPorts.isEmpty()) {
        host = host.toBuilder().portBindings(hostPorts).build();
      }
      NetworkingConfig endpoints = null;
      if (!nets.isEmpty()) {
        String first = nets.get(0).network().spec().name();
        host = host.toBuilder().networkMode(first).build();
        endpoints = new NetworkingConfig(Map.of(first, TaskNetworks.endpoint(nets.get(0))));
      }
      String id = engine.containers().create(name, cfg, host, endpoints, null).id();
      containers.put(t.id(), id);
      try {
        mountSecretsAndConfigs(t, spec, id);
      } catch (TemplateFailure e) {
        // moby's daemon reads the payloads when it starts the container (setupSecretDir)
        put(t.id(), "failed", "starting", "starting container failed: " + e.getMessage(), id);
        return;
      }
      for (NetworkAttachment a : nets.subList(Math.min(1, nets.size()), nets.size())) {
        engine.networks().connect(a.network().id(), id, TaskNetworks.endpoint(a));
      }
      engine.containers().start(id);
      ContainerInspect ci = engine.containers().inspect(id);
      if (ci.state().running() && hasHealthcheck(ci)) {
        // moby's controller.Start: with a health check the task stays starting until healthy
        put(t.id(), "starting", "starting", "", id);
        watchHealth();
      } else if (ci.state().running()) {
        put(t.id(), "running", "started", "", id);
        publish(t, nets, id);
      } else {
        put(
            t.id(),
            ci.state().exitCode() == 0 ? "complete" : "failed",
            "finished",
            exitErr(ci),
            id);
      }
    } catch (EngineException e) {
      put(t.id(), "rejected", "preparing", e.getMessage(), "");
    } catch (RuntimeException e) {
      // The executor must never take the node down: a task it cannot start is rejected.
      put(t.id(), "rejected", "preparing", String.valueOf(e.getMessage()), "");
    }
  }

  private static <T> Map<String, T> byId(List<T> all, java.util.function.Function<T, String> id) {
    Map<String, T> out = new LinkedHashMap<>();
    if (all != null) {
      all.forEach(x -> out.put(id.apply(x), x));
    }
    return out;
  }

  /**
   * moby's secret and config mounts: a secret at {@code /run/secrets/TARGET}, a config at {@code
   * /TARGET} (an absolute target as given), each with the reference's mode; a reference the
   * assignments did not bring fails the task as the daemon's dependency getter does.
   */
  private void mountSecretsAndConfigs(Task t, ContainerSpec spec, String containerId) {
    if (spec.secrets() != null) {
      for (SecretReference r : spec.secrets()) {
        Secret s = secrets.get(r.secretId());
        if (s == null) {
          throw new EngineException(404, "secret " + r.secretId() + " not found");
        }
        String name = r.file().name();
        byte[] data = Base64.getDecoder().decode(s.spec().data());
        if (s.spec().templating() != null) {
          data = expanded(t, spec, "secret", s.id(), s.spec().templating().name(), data);
        }
        files.mount(
            containerId,
            name.startsWith("/") ? name : "/run/secrets/" + name,
            data,
            r.file().mode());
      }
    }
    if (spec.configs() != null) {
      for (ConfigReference r : spec.configs()) {
        Config c = configs.get(r.configId());
        if (c == null) {
          throw new EngineException(404, "config " + r.configId() + " not found");
        }
        String name = r.file() == null ? r.configName() : r.file().name();
        byte[] data = Base64.getDecoder().decode(c.spec().data());
        if (c.spec().templating() != null) {
          data = expanded(t, spec, "config", c.id(), c.spec().templating().name(), data);
        }
        files.mount(
            containerId,
            name.startsWith("/") ? name : "/" + name,
            data,
            r.file() == null ? 0444 : r.file().mode());
      }
    }
  }

  /**
   * swarmkit's ExpandSecretSpec/ExpandConfigSpec: a {@code golang} payload expanded for this task
   * (its context, the data of its other references by target, its environment); any other driver,
   * or an expansion error, fails as the templated getter does.
   */
  private byte[] expanded(
      Task t, ContainerSpec spec, String kind, String id, String driver, byte[] data) {
    String prefix =
        "unable to get "
            + kind
            + " from "
            + kind
            + " store: failed to expand templated "
            + kind
            + " "
            + id
            + ": ";
    if (!"golang".equals(driver)) {
      throw new TemplateFailure(prefix + "unrecognized template type");
    }
    PayloadTemplates.Context ctx =
        new PayloadTemplates.Context(
            t.serviceId(),
            serviceNames.getOrDefault(t.serviceId(), ""),
            serviceLabels.getOrDefault(t.serviceId(), Map.of()),
            nodeId,
            engine.system().info().name(),
            "x86_64",
            "linux",
            t.id(),
            containerName(t),
            t.slot() != 0 ? String.valueOf(t.slot()) : nodeId);
    try {
      String out =
          templates.expand(
              new String(data, java.nio.charset.StandardCharsets.UTF_8),
              ctx,
              target -> referenced(spec, target, true),
              target -> referenced(spec, target, false),
              variable -> environment(spec, variable));
      return out.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TemplateFailure(prefix + e.getMessage());
    }
  }

  /** A templated payload the daemon could not expand when starting the task's container. */
  private static final class TemplateFailure extends RuntimeException {
    TemplateFailure(String message) {
      super(message);
    }
  }

  /** The data of the task's secret (or config) whose target is {@code target}, not expanded. */
  private String referenced(ContainerSpec spec, String target, boolean secret) {
    if (secret && spec.secrets() != null) {
      for (SecretReference r : spec.secrets()) {
        Secret s = secrets.get(r.secretId());
        if (r.file() != null && r.file().name().equals(target) && s != null) {
          return new String(
              Base64.getDecoder().decode(s.spec().data()), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    if (!secret && spec.configs() != null) {
      for (ConfigReference r : spec.configs()) {
        Config c = configs.get(r.configId());
        if (r.file() != null && r.file().name().equals(target) && c != null) {
          return new String(
              Base64.getDecoder().decode(c.spec().data()), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    throw new IllegalArgumentException(
        (secret ? "secret" : "config") + " target " + target + " not found");
  }

  /** A variable of the task's environment (envGetter), "" when it is not set. */
  private static String environment(ContainerSpec spec, String variable) {
    if (spec.env() != null) {
      for (String e : spec.env()) {
        int eq = e.indexOf('=');
        if (eq > 0 && e.substring(0, eq).equals(variable)) {
          return e.substring(eq + 1);
        }
      }
    }
    return "";
  }

  /** A running task's container exited: complete or failed. */
  private boolean watch(Task t) {
    String id = containers.get(t.id());
    if (id == null) {
      put(t.id(), "failed", "finished", "task: container removed", "");
      return true;
    }
    try {
      ContainerInspect ci = engine.containers().inspect(id);
      if (ci.state().running()) {
        if (unhealthy(ci)) {
          stopUnhealthy(t.id(), id);
        }
        if (hasHealthcheck(ci)) {
          watchHealth();
        }
        return false;
      }
      finished(t, ci, id);
    } catch (EngineException e) {
      put(t.id(), "failed", "finished", "task: container removed", id);
    }
    return true;
  }

  /** moby's ErrContainerUnhealthy, the cause of the exit error of a container it stopped. */
  private static final String UNHEALTHY = ": dockerexec: unhealthy container";

  /**
   * A started task with a health check: running once its container is healthy, failed (its
   * container stopped) once unhealthy, finished if it exited meanwhile; whether its status changed.
   */
  private boolean awaitHealthy(Task t) {
    String id = containers.get(t.id());
    try {
      ContainerInspect ci = engine.containers().inspect(id);
      if (!ci.state().running()) {
        finished(t, ci, id);
        return true;
      }
      if (unhealthy(ci)) {
        stopUnhealthy(t.id(), id);
      } else if (ci.state().health() != null && "healthy".equals(ci.state().health().status())) {
        put(t.id(), "running", "started", "", id);
        publish(t, t.networksAttachments() == null ? List.of() : t.networksAttachments(), id);
        return true;
      }
      watchHealth();
      return false;
    } catch (EngineException e) {
      put(t.id(), "failed", "finished", "task: container removed", id);
      return true;
    }
  }

  /** Whether the container's effective config (the image's merged) checks its health. */
  private static boolean hasHealthcheck(ContainerInspect ci) {
    var h = ci.config() == null ? null : ci.config().healthcheck();
    return h != null && h.test() != null && !h.test().isEmpty() && !h.disabled();
  }

  private static boolean unhealthy(ContainerInspect ci) {
    return ci.state().health() != null && "unhealthy".equals(ci.state().health().status());
  }

  /**
   * moby's controller shuts an unhealthy container down (the stop's SIGKILL comes after its grace
   * period, on the virtual clock) and reports its exit with the cause when it is down.
   */
  private void stopUnhealthy(String taskId, String containerId) {
    if (stoppingUnhealthy.add(taskId)) {
      engine.containers().stopAsync(containerId, null, null);
    }
  }

  /** The task's container exited: complete, or failed with its exit code (and why it stopped). */
  private void finished(Task t, ContainerInspect ci, String containerId) {
    boolean unhealthy = stoppingUnhealthy.remove(t.id());
    int code = ci.state().exitCode();
    put(
        t.id(),
        code == 0 ? "complete" : "failed",
        "finished",
        code == 0 ? "" : exitErr(ci) + (unhealthy ? UNHEALTHY : ""),
        containerId);
  }

  /**
   * The daemon's health_status events reach moby's controller at once; here the agent looks again
   * every second while a container it runs has a health check.
   */
  private void watchHealth() {
    if (!healthWatch) {
      healthWatch = true;
      clock.scheduleUpkeep(
          Duration.ofSeconds(1),
          () -> {
            healthWatch = false;
            if (!stopped && step()) {
              send();
            }
          });
    }
  }

  private static String exitErr(ContainerInspect ci) {
    return ci.state().exitCode() == 0 ? "" : "task: non-zero exit (" + ci.state().exitCode() + ")";
  }

  /**
   * The running task's service records, one per network (its service's VIP there, its address; on
   * the ingress network the ports its service publishes there, which its sandbox redirects).
   */
  private void publish(Task t, List<NetworkAttachment> nets, String containerId) {
    String service = serviceNames.getOrDefault(t.serviceId(), "");
    Map<String, String> vips = serviceVips.getOrDefault(t.serviceId(), Map.of());
    for (NetworkAttachment a : nets) {
      if (a.addresses() == null || a.addresses().isEmpty()) {
        continue;
      }
      List<IngressRouting.PublishedPort> ports =
          a.network().spec() != null && a.network().spec().ingress()
              ? ingressModePorts(t)
              : List.of();
      network.ingress().redirect(containerId, a.network().id(), ports);
      records.add(
          a.network().id(),
          t.id(),
          new ServiceRecords.Entry(
              service,
              TaskNetworks.bare(vips.get(a.network().id())),
              TaskNetworks.bare(a.addresses().get(0)),
              ports));
    }
  }

  /** The ports the task's service publishes in ingress mode (the routing mesh's). */
  private List<IngressRouting.PublishedPort> ingressModePorts(Task t) {
    List<IngressRouting.PublishedPort> out = new ArrayList<>();
    for (PortConfig p : servicePorts.getOrDefault(t.serviceId(), List.of())) {
      if (p.publishMode() == null || "ingress".equals(p.publishMode())) {
        out.add(new IngressRouting.PublishedPort(protocol(p), p.publishedPort(), p.targetPort()));
      }
    }
    return out;
  }

  /**
   * The ports the task's service publishes in host mode: bound on this node only, as a container's
   * {@code -p} (moby's executor puts them in the container's port bindings).
   */
  private Map<String, List<PortBinding>> hostModePorts(Task t) {
    Map<String, List<PortBinding>> out = new LinkedHashMap<>();
    for (PortConfig p : servicePorts.getOrDefault(t.serviceId(), List.of())) {
      if ("host".equals(p.publishMode())) {
        out.computeIfAbsent(p.targetPort() + "/" + protocol(p), k -> new ArrayList<>())
            .add(
                new PortBinding(
                    "", p.publishedPort() == 0 ? "" : Integer.toString(p.publishedPort())));
      }
    }
    return out;
  }

  private static String protocol(PortConfig p) {
    return p.protocol() == null || p.protocol().isEmpty() ? "tcp" : p.protocol();
  }

  private void removeContainer(String taskId) {
    records.remove(taskId);
    stoppingUnhealthy.remove(taskId);
    Task attachment = attached.remove(taskId);
    if (attachment != null) {
      networks.release(attachment.networksAttachments());
    }
    String id = containers.remove(taskId);
    if (id != null) {
      try {
        engine.containers().remove(id, true, false);
      } catch (EngineException e) {
        // already gone
      }
      Task t = tasks.get(taskId);
      if (t != null && t.networksAttachments() != null) {
        networks.release(t.networksAttachments());
      }
    }
  }

  private void put(String taskId, String state, String message, String err, String containerId) {
    status.put(taskId, new Dispatcher.Report(taskId, state, message, err, containerId, 0, 0));
  }

  /** {@code web.1.<task id>}, or {@code web.<node id>.<task id>} for a global service's task. */
  private String containerName(Task t) {
    String svc = serviceNames.getOrDefault(t.serviceId(), t.serviceId());
    return svc + "." + (t.slot() != 0 ? String.valueOf(t.slot()) : nodeId) + "." + t.id();
  }

  /** The tasks this agent runs, for panels: task ID → container ID. */
  public Map<String, String> containers() {
    return Map.copyOf(containers);
  }
}
