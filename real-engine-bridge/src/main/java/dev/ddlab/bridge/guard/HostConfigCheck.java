package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import java.util.Map;

/**
 * The checks of a container's create request: host access refused naming the flag, mounts and
 * namespaces limited to the session's own objects, resource limits filled in from the policy.
 */
final class HostConfigCheck {
  private final GuardSession session;
  private final GuardedVolumes volumes;

  HostConfigCheck(GuardSession session, GuardedVolumes volumes) {
    this.session = session;
    this.volumes = volumes;
  }

  /** Refuses host access; returns the host config with the session's limits filled in. */
  HostConfig check(HostConfig h) {
    if (h == null) {
      h = HostConfig.none();
    }
    if (h.privileged()) {
      throw refused(
          "--privileged bị chặn: container đặc quyền có toàn quyền trên máy chủ dùng chung.");
    }
    if ("host".equals(h.pidMode())) {
      throw refused(
          "--pid host bị chặn: container sẽ thấy và điều khiển mọi tiến trình của máy chủ.");
    }
    if ("host".equals(h.ipcMode())) {
      throw refused("--ipc host bị chặn: container sẽ dùng chung bộ nhớ IPC của máy chủ.");
    }
    if ("host".equals(h.utsMode())) {
      throw refused("--uts host bị chặn: container có thể đổi hostname của máy chủ.");
    }
    if ("host".equals(h.networkMode())) {
      throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
    }
    if (h.networkMode() != null && h.networkMode().startsWith("container:")) {
      session.ownContainer(h.networkMode().substring("container:".length()));
    }
    if (h.devices() != null && !h.devices().isEmpty()) {
      throw refused("--device bị chặn: container không được dùng thiết bị của máy chủ.");
    }
    if (h.capAdd() != null && !h.capAdd().isEmpty()) {
      throw refused(
          "--cap-add bị chặn ("
              + String.join(", ", h.capAdd())
              + "): không được thêm quyền Linux cho container.");
    }
    if (h.securityOpt() != null && !h.securityOpt().isEmpty()) {
      throw refused(
          "--security-opt bị chặn ("
              + String.join(", ", h.securityOpt())
              + "): không được nới lỏng seccomp/AppArmor của container.");
    }
    if (h.binds() != null) {
      for (String bind : h.binds()) {
        String source = bind.split(":", 2)[0];
        checkMountSource("bind".equals(kindOf(source)) ? "bind" : "volume", source, bind);
      }
    }
    if (h.mounts() != null) {
      for (Mount m : h.mounts()) {
        checkMountSource(m.type(), m.source(), m.source() + ":" + m.target());
      }
    }
    if (h.volumesFrom() != null) {
      h.volumesFrom().forEach(v -> session.ownContainer(v.split(":", 2)[0]));
    }
    GuardPolicy policy = session.policy;
    long memory = limit(h.memory(), policy.memoryBytes(), "--memory");
    long cpus = limit(h.nanoCpus(), policy.nanoCpus(), "--cpus");
    long pids =
        limit(
            h.pidsLimit() == null ? 0 : Math.max(h.pidsLimit(), 0),
            policy.pidsLimit(),
            "--pids-limit");
    return h.withResources(memory, cpus, pids);
  }

  /** The networks a container joins must be the session's (or built-in, except host). */
  void checkNetworking(HostConfig checked, NetworkingConfig n) {
    if (n != null && n.endpointsConfig() != null) {
      for (String net : n.endpointsConfig().keySet()) {
        if ("host".equals(net)) {
          throw refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
        }
        session.ownNetwork(net, true);
      }
    }
    String mode = checked.networkMode();
    if (mode != null
        && !mode.isEmpty()
        && !mode.startsWith("container:")
        && !"default".equals(mode)) {
      session.ownNetwork(mode, true);
    }
  }

  private static String kindOf(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
        ? "bind"
        : "volume";
  }

  private void checkMountSource(String type, String source, String spec) {
    if (source != null && source.contains("docker.sock")) {
      throw refused(
          "gắn Docker socket ("
              + spec
              + ") bị chặn: nó cho quyền điều khiển toàn bộ Docker của máy chủ.");
    }
    if ("bind".equals(type)) {
      throw refused(
          "bind mount thư mục của máy chủ (-v/--mount "
              + spec
              + ") bị chặn: hãy dùng volume có tên, ví dụ -v data:/data.");
    }
    if ("volume".equals(type) && source != null && !source.isEmpty()) {
      ensureVolume(source);
    }
  }

  /**
   * A named volume that a container mounts must be this session's: an existing volume of another
   * session is refused, a new one is created here so that it carries the label.
   */
  private void ensureVolume(String name) {
    try {
      Volume v = session.inner.volumes().inspect(name);
      if (!session.mine(v.labels())) {
        throw refused(
            "volume " + name + " thuộc về phiên khác hoặc máy chủ; hãy đặt tên volume khác.");
      }
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      volumes.create(new VolumeCreateRequest(name, "local", Map.of(), Map.of()));
    }
  }

  static long limit(long asked, long max, String flag) {
    if (asked <= 0) {
      return max;
    }
    if (asked > max) {
      throw refused(flag + " vượt giới hạn của phiên (tối đa " + max + ").");
    }
    return asked;
  }
}
