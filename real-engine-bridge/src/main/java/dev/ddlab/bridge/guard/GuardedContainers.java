package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import dev.ddlab.go.GoNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Containers and exec behind the guard: created through {@link CreateCheck} with the session's
 * labels and limits, listed by label, and acted on only when they are the session's own (resolved
 * among its containers; another's answers Docker's 404).
 */
final class GuardedContainers implements ContainersApi {
  /**
   * Fields of UpdateRequest: each is checked (limits, the CFS and real-time fields refused as at
   * create) or bounds only the container (the restart policy, shares, cpusets, the soft limit).
   */
  static final Set<String> UPDATE_FIELDS =
      Set.of(
          "restartPolicy",
          "memory",
          "nanoCpus",
          "pidsLimit",
          "cpuShares",
          "blkioWeight",
          "cpuPeriod",
          "cpuQuota",
          "cpuRealtimePeriod",
          "cpuRealtimeRuntime",
          "cpusetCpus",
          "cpusetMems",
          "memoryReservation",
          "memorySwap");

  /** Fields of ExecConfig checked here; the rest describe the process inside the container. */
  static final Set<String> EXEC_CHECKED = Set.of("privileged");

  private static final Pattern NAME_IN_USE =
      Pattern.compile(
          "The container name \"(/[^\"]*)\" is already in use by container \"([0-9a-f]+)\"");

  private final GuardSession session;
  private final CreateCheck createCheck;

  GuardedContainers(GuardSession session, CreateCheck createCheck) {
    this.session = session;
    this.createCheck = createCheck;
  }

  private ContainersApi c() {
    return session.inner.containers();
  }

  private String own(String ref) {
    return session.ownContainerId(ref);
  }

  /**
   * The session's containers; {@code name=…} is matched on the names it reads ({@link
   * SessionNames#nameMatches}), then a limit applies to what matched.
   */
  @Override
  public List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    List<String> wanted = filters == null ? null : filters.get("name");
    if (wanted == null || wanted.isEmpty()) {
      return c().list(all, limit, size, session.withSessionFilter(daemonFilters(filters)));
    }
    // moby lists stopped containers too when a limit is given
    return c()
        .list(
            all || limit > 0,
            0,
            size,
            session.withSessionFilter(daemonFilters(SessionNames.withoutName(filters))))
        .stream()
        .filter(
            c ->
                c.names() != null
                    && c.names().stream().anyMatch(n -> session.names.nameMatches(wanted, n)))
        .limit(limit > 0 ? limit : Long.MAX_VALUE)
        .toList();
  }

  /**
   * The filters with the session's names as the daemon knows them: {@code network=net1} and {@code
   * volume=data} match the daemon's names exactly ({@code name} is matched by {@link #list}).
   */
  private Map<String, List<String>> daemonFilters(Map<String, List<String>> filters) {
    if (filters == null || !filters.containsKey("network") && !filters.containsKey("volume")) {
      return filters;
    }
    Map<String, List<String>> out = new java.util.LinkedHashMap<>(filters);
    out.computeIfPresent(
        "network",
        (k, v) ->
            v.stream()
                .map(
                    ref -> {
                      try {
                        return session.visibleNetwork(ref).name();
                      } catch (EngineException missing) {
                        return ref;
                      }
                    })
                .toList());
    out.computeIfPresent(
        "volume",
        (k, v) ->
            v.stream()
                .map(ref -> session.volume(ref).map(dev.ddlab.engine.dto.Volume::name).orElse(ref))
                .toList());
    return out;
  }

  @Override
  public ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform) {
    if (name == null || name.isEmpty()) {
      name = unusedName();
    }
    CreateCheck.Checked checked = createCheck.check(config, hostConfig, networkingConfig, name);
    session.checkCap(1 + checked.newVolumes().size());
    createCheck.createVolumes(checked);
    ContainerCreateResponse created;
    try {
      created =
          c().create(
                  session.names.real(name),
                  checked.config(),
                  checked.host(),
                  checked.networking(),
                  platform);
    } catch (EngineException e) {
      throw nameTakenElsewhere(e);
    }
    session.adoptAnonymousVolumes(created.id());
    return created;
  }

  /**
   * A name for a container the learner did not name, as dockerd picks one ({@code
   * adjective_surname}, {@link GoNames}), free among the session's containers. The guard picks it,
   * not the daemon, so that it carries the session's suffix like every other name: the daemon's
   * pick is global (it appends a digit when the name is held, telling a session which names other
   * sessions hold) and anchored filters like {@code name=^festive_hopper$} would not find it.
   */
  private String unusedName() {
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (ContainerSummary c : c().list(true, 0, false, session.withSessionFilter(null))) {
      for (String n : c.names() == null ? List.<String>of() : c.names()) {
        taken.add(session.names.shown(n.startsWith("/") ? n.substring(1) : n));
      }
    }
    java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
    return GoNames.next(random::nextInt, taken::contains);
  }

  /**
   * Docker's "name already in use" names the container that has it: when that is another session's
   * container, its ID is not the learner's to see.
   */
  private EngineException nameTakenElsewhere(EngineException e) {
    Matcher m = e.status() == 409 ? NAME_IN_USE.matcher(e.getMessage()) : null;
    if (m == null || !m.find()) {
      return e;
    }
    try {
      own(m.group(2));
      return e;
    } catch (EngineException notOurs) {
      return new EngineException(
          409,
          GuardSession.PREFIX
              + "tên "
              + m.group(1)
              + " đang được một phiên khác dùng trên máy chủ dùng chung; hãy đặt tên khác.");
    }
  }

  @Override
  public ContainerInspect inspect(String id) {
    return inspect(id, false);
  }

  @Override
  public ContainerInspect inspect(String id, boolean size) {
    return CreateCheck.asCreated(session.ownContainer(id, size));
  }

  @Override
  public void start(String id) {
    c().start(own(id));
  }

  @Override
  public void stop(String id, String signal, Integer timeoutSeconds) {
    c().stop(own(id), signal, timeoutSeconds);
  }

  @Override
  public Pending<Void> stopAsync(String id, String signal, Integer timeoutSeconds) {
    return c().stopAsync(own(id), signal, timeoutSeconds);
  }

  @Override
  public void restart(String id, String signal, Integer timeoutSeconds) {
    c().restart(own(id), signal, timeoutSeconds);
  }

  @Override
  public void kill(String id, String signal) {
    c().kill(own(id), signal);
  }

  @Override
  public void pause(String id) {
    c().pause(own(id));
  }

  @Override
  public void unpause(String id) {
    c().unpause(own(id));
  }

  @Override
  public void remove(String id, boolean force, boolean removeVolumes) {
    c().remove(own(id), force, removeVolumes);
    if (removeVolumes) {
      session.forgetRemovedAnonymousVolumes();
    }
  }

  @Override
  public void rename(String id, String newName) {
    String own = own(id);
    try {
      c().rename(own, session.names.real(newName));
    } catch (EngineException e) {
      throw nameTakenElsewhere(e);
    }
  }

  /**
   * docker update within the session's limits: a limit above them is refused, "unlimited" (a
   * negative value as -1, or a pids limit of 0) becomes the session's maximum, a memory or CPU
   * value of 0 means "unchanged" as for the daemon, and what is sent is the checked request.
   */
  @Override
  public List<String> update(String id, UpdateRequest request) {
    String own = own(id);
    GuardPolicy policy = session.policy;
    // the CFS and real-time fields are refused as at create: HostConfigExtras.check
    HostConfigExtras.check(
        HostConfig.none().toBuilder()
            .cpuPeriod(orZero(request.cpuPeriod()))
            .cpuQuota(orZero(request.cpuQuota()))
            .cpuRealtimePeriod(orZero(request.cpuRealtimePeriod()))
            .cpuRealtimeRuntime(orZero(request.cpuRealtimeRuntime()))
            .build());
    Long swap = request.memorySwap();
    if (swap != null) {
      CreateCheck.checkSwap(swap, policy.memoryBytes());
    }
    UpdateRequest checked =
        new UpdateRequest(
            request.restartPolicy(),
            unlessUnchanged(request.memory(), policy.memoryBytes(), "--memory"),
            unlessUnchanged(request.nanoCpus(), policy.nanoCpus(), "--cpus"),
            request.pidsLimit() == null
                ? null
                : CreateCheck.limit(request.pidsLimit(), policy.pidsLimit(), "--pids-limit"),
            request.cpuShares(),
            request.blkioWeight(),
            null,
            null,
            null,
            null,
            request.cpusetCpus(),
            request.cpusetMems(),
            request.memoryReservation(),
            swap);
    return c().update(own, checked);
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  private static Long unlessUnchanged(Long asked, long max, String flag) {
    return asked == null || asked == 0 ? null : CreateCheck.limit(asked, max, flag);
  }

  @Override
  public WaitResponse await(String id, String condition) {
    return c().await(own(id), condition);
  }

  @Override
  public Pending<WaitResponse> waitAsync(String id, String condition) {
    return c().waitAsync(own(id), condition);
  }

  @Override
  public List<LogFrame> logs(String id, LogsOptions options) {
    return c().logs(own(id), options);
  }

  /** The container's stats, named as the session named it. */
  @Override
  public Pending<ContainerStats> stats(String id) {
    Pending<ContainerStats> p = c().stats(own(id));
    return new Pending<>() {
      @Override
      public boolean isDone() {
        return p.isDone();
      }

      @Override
      public ContainerStats get() {
        try {
          return session.names.shown(p.get());
        } catch (EngineException e) {
          throw session.names.shown(e);
        }
      }

      @Override
      public boolean await(java.time.Duration max) {
        return p.await(max);
      }

      @Override
      public void cancel() {
        p.cancel();
      }
    };
  }

  @Override
  public AutoCloseable statsStream(String id, Consumer<ContainerStats> each) {
    return c().statsStream(own(id), s -> each.accept(session.names.shown(s)));
  }

  @Override
  public TopResponse top(String id, String psArgs) {
    return c().top(own(id), psArgs);
  }

  @Override
  public List<ChangeItem> changes(String id) {
    return c().changes(own(id));
  }

  @Override
  public byte[] getArchive(String id, String path) {
    return c().getArchive(own(id), path);
  }

  @Override
  public void putArchive(String id, String path, byte[] tar) {
    c().putArchive(own(id), path, tar);
  }

  @Override
  public ContainerPruneResponse prune(Map<String, List<String>> filters) {
    return c().prune(session.withSessionFilter(filters));
  }

  @Override
  public Attachment attach(String id, boolean stdin) {
    return c().attach(own(id), stdin);
  }

  @Override
  public String execCreate(String id, ExecConfig config) {
    if (config.privileged()) {
      throw refused("exec --privileged bị chặn: tiến trình đặc quyền có toàn quyền trên máy chủ.");
    }
    return c().execCreate(own(id), config);
  }

  @Override
  public Attachment execStart(String execId, boolean detach, boolean tty) {
    ownExec(execId);
    return c().execStart(execId, detach, tty);
  }

  @Override
  public ExecInspect execInspect(String execId) {
    return ownExec(execId);
  }

  /** An exec of the session's containers; another's is Docker's "No such exec instance". */
  private ExecInspect ownExec(String execId) {
    ExecInspect e = c().execInspect(execId);
    try {
      own(e.containerId());
    } catch (EngineException notOurs) {
      throw EngineException.notFound("No such exec instance: " + execId);
    }
    return e;
  }
}
