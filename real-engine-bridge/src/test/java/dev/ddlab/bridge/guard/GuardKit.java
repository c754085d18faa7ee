package dev.ddlab.bridge.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.PortBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Requests for the guard's tests, written by the fields a test sets. */
final class GuardKit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GuardKit() {}

  /**
   * A HostConfig with only what {@code edit} puts: binds, network, ports, volumesFrom, capAdd, ipc,
   * pid, uts, privileged, securityOpt, memory, devices, mounts.
   */
  @SuppressWarnings("unchecked")
  static HostConfig host(UnaryOperator<Map<String, Object>> edit) {
    Map<String, Object> m = edit.apply(new HashMap<>());
    return HostConfig.none().toBuilder()
        .binds((List<String>) m.get("binds"))
        .networkMode((String) m.get("network"))
        .portBindings((Map<String, List<PortBinding>>) m.get("ports"))
        .volumesFrom((List<String>) m.get("volumesFrom"))
        .capAdd((List<String>) m.get("capAdd"))
        .ipcMode((String) m.get("ipc"))
        .pidMode((String) m.get("pid"))
        .privileged(Boolean.TRUE.equals(m.get("privileged")))
        .securityOpt((List<String>) m.get("securityOpt"))
        .utsMode((String) m.get("uts"))
        .shmSize(m.get("shmSize") == null ? 0 : (Long) m.get("shmSize"))
        .memory(m.get("memory") == null ? 0 : (Long) m.get("memory"))
        .devices((List<Map<String, String>>) m.get("devices"))
        .memorySwap(m.get("memorySwap") == null ? 0 : (Long) m.get("memorySwap"))
        .ulimits((List<dev.ddlab.engine.dto.Ulimit>) m.get("ulimits"))
        .mounts((List<Mount>) m.get("mounts"))
        .build();
  }

  /** One field set: {@code host("network", "host")}. */
  static HostConfig host(String field, Object value) {
    return host(
        m -> {
          m.put(field, value);
          return m;
        });
  }

  /** {@code docker run alpine CMD…}'s config. */
  static ContainerConfig alpine(String... cmd) {
    return ContainerConfig.command("alpine", List.of(cmd));
  }

  /** {@code config} with an anonymous volume at {@code path} ({@code docker run -v PATH}). */
  static ContainerConfig withVolume(ContainerConfig config, String path) {
    ObjectNode tree = JSON.valueToTree(config);
    tree.putObject("Volumes").putObject(path);
    return JSON.convertValue(tree, ContainerConfig.class);
  }
}
