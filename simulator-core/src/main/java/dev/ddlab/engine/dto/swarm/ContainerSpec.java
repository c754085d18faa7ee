package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The container a task runs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSpec(
    @JsonProperty("Image") @JsonInclude(JsonInclude.Include.NON_EMPTY) String image,
    @JsonProperty("Labels") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels,
    @JsonProperty("Command") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> command,
    @JsonProperty("Args") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> args,
    @JsonProperty("Hostname") @JsonInclude(JsonInclude.Include.NON_EMPTY) String hostname,
    @JsonProperty("Env") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> env,
    @JsonProperty("Dir") @JsonInclude(JsonInclude.Include.NON_EMPTY) String dir,
    @JsonProperty("User") @JsonInclude(JsonInclude.Include.NON_EMPTY) String user,
    @JsonProperty("Groups") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> groups,
    @JsonProperty("Init") @JsonInclude(JsonInclude.Include.NON_EMPTY) Boolean init,
    @JsonProperty("StopSignal") @JsonInclude(JsonInclude.Include.NON_EMPTY) String stopSignal,
    @JsonProperty("TTY") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tty,
    @JsonProperty("OpenStdin") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean openStdin,
    @JsonProperty("ReadOnly") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly,
    @JsonProperty("Mounts") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<dev.ddlab.engine.dto.Mount> mounts,
    @JsonProperty("StopGracePeriod") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Long stopGracePeriod,
    @JsonProperty("Healthcheck") @JsonInclude(JsonInclude.Include.NON_NULL)
        dev.ddlab.engine.dto.HealthConfig healthcheck,
    @JsonProperty("Hosts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hosts,
    @JsonProperty("Secrets") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<SecretReference> secrets,
    @JsonProperty("Configs") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<ConfigReference> configs,
    @JsonProperty("Isolation") @JsonInclude(JsonInclude.Include.NON_EMPTY) String isolation,
    @JsonProperty("Sysctls") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> sysctls,
    @JsonProperty("CapabilityAdd") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> capabilityAdd,
    @JsonProperty("CapabilityDrop") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> capabilityDrop) {
  /** This spec running {@code other} instead. */
  public ContainerSpec withImage(String other) {
    return copy(other, env, mounts, healthcheck, secrets, configs);
  }

  /** This spec with these secret and config references (empty lists are left out). */
  public ContainerSpec withReferences(List<SecretReference> s, List<ConfigReference> c) {
    return copy(
        image,
        env,
        mounts,
        healthcheck,
        s == null || s.isEmpty() ? null : List.copyOf(s),
        c == null || c.isEmpty() ? null : List.copyOf(c));
  }

  /** This spec with {@code h} as its Healthcheck (null: the image's). */
  public ContainerSpec withHealthcheck(dev.ddlab.engine.dto.HealthConfig h) {
    return copy(image, env, mounts, h, secrets, configs);
  }

  /** This spec with these mounts (an empty list is left out). */
  public ContainerSpec withMounts(List<dev.ddlab.engine.dto.Mount> m) {
    return copy(
        image,
        env,
        m == null || m.isEmpty() ? null : List.copyOf(m),
        healthcheck,
        secrets,
        configs);
  }

  /** This spec with this environment (an empty list is left out). */
  public ContainerSpec withEnv(List<String> e) {
    return copy(
        image,
        e == null || e.isEmpty() ? null : List.copyOf(e),
        mounts,
        healthcheck,
        secrets,
        configs);
  }

  /** This spec with the fields the withers change; the rest as they are. */
  private ContainerSpec copy(
      String image,
      List<String> env,
      List<dev.ddlab.engine.dto.Mount> mounts,
      dev.ddlab.engine.dto.HealthConfig healthcheck,
      List<SecretReference> secrets,
      List<ConfigReference> configs) {
    return new ContainerSpec(
        image,
        labels,
        command,
        args,
        hostname,
        env,
        dir,
        user,
        groups,
        init,
        stopSignal,
        tty,
        openStdin,
        readOnly,
        mounts,
        stopGracePeriod,
        healthcheck,
        hosts,
        secrets,
        configs,
        isolation,
        sysctls,
        capabilityAdd,
        capabilityDrop);
  }
}
