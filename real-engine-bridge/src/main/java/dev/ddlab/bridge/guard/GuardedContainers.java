package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
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
import java.util.List;
import java.util.Map;

/**
 * Containers and exec behind the guard: created with the session's labels and limits, listed by
 * label, and acted on only when they are the session's own (another's answers Docker's 404).
 */
final class GuardedContainers implements ContainersApi {
  private final GuardSession session;
  private final HostConfigCheck hostCheck;

  GuardedContainers(GuardSession session, HostConfigCheck hostCheck) {
    this.session = session;
    this.hostCheck = hostCheck;
  }

  private ContainersApi c() {
    return session.inner.containers();
  }

  private String own(String id) {
    return session.ownContainer(id).id();
  }

  HostConfig checkHostConfig(HostConfig h) {
    return hostCheck.check(h);
  }

  @Override
  public List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    return c().list(all, limit, size, session.withSessionFilter(filters));
  }

  @Override
  public ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform) {
    HostConfig checked = hostCheck.check(hostConfig);
    hostCheck.checkNetworking(checked, networkingConfig);
    session.checkCap();
    ContainerConfig base = config == null ? ContainerConfig.empty() : config;
    ContainerConfig labelled =
        new ContainerConfig(
            base.hostname(),
            base.domainname(),
            base.user(),
            base.attachStdin(),
            base.attachStdout(),
            base.attachStderr(),
            base.exposedPorts(),
            base.tty(),
            base.openStdin(),
            base.stdinOnce(),
            base.env(),
            base.cmd(),
            base.image(),
            base.volumes(),
            base.workingDir(),
            base.entrypoint(),
            base.onBuild(),
            session.labelled(base.labels()),
            base.stopSignal(),
            base.stopTimeout());
    return c().create(name, labelled, checked, networkingConfig, platform);
  }

  @Override
  public ContainerInspect inspect(String id) {
    return session.ownContainer(id);
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
  }

  @Override
  public void rename(String id, String newName) {
    c().rename(own(id), newName);
  }

  @Override
  public List<String> update(String id, UpdateRequest request) {
    String own = own(id);
    GuardPolicy policy = session.policy;
    if (request.memory() != null) {
      HostConfigCheck.limit(request.memory(), policy.memoryBytes(), "--memory");
    }
    if (request.nanoCpus() != null) {
      HostConfigCheck.limit(request.nanoCpus(), policy.nanoCpus(), "--cpus");
    }
    if (request.pidsLimit() != null) {
      HostConfigCheck.limit(request.pidsLimit(), policy.pidsLimit(), "--pids-limit");
    }
    return c().update(own, request);
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
    session.ownContainer(c().execInspect(execId).containerId());
    return c().execStart(execId, detach, tty);
  }

  @Override
  public ExecInspect execInspect(String execId) {
    ExecInspect e = c().execInspect(execId);
    session.ownContainer(e.containerId());
    return e;
  }
}
