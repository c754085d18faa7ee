package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The template of a service's tasks; for a standalone container's network attachment (Runtime
 * {@code attachment}) the container it is for.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskSpec(
    @JsonProperty("ContainerSpec") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ContainerSpec containerSpec,
    @JsonProperty("Resources") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ResourceRequirements resources,
    @JsonProperty("RestartPolicy") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        RestartPolicy restartPolicy,
    @JsonProperty("Placement") @JsonInclude(JsonInclude.Include.NON_EMPTY) Placement placement,
    @JsonProperty("Networks") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<NetworkAttachmentConfig> networks,
    @JsonProperty("LogDriver") @JsonInclude(JsonInclude.Include.NON_EMPTY) Driver logDriver,
    @JsonProperty("ForceUpdate") long forceUpdate,
    @JsonProperty("Runtime") @JsonInclude(JsonInclude.Include.NON_EMPTY) String runtime,
    @JsonProperty("NetworkAttachmentSpec") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        NetworkAttachmentSpec networkAttachmentSpec) {

  /** moby's RuntimeNetworkAttachment. */
  public static final String ATTACHMENT = "attachment";

  /** A service's task template (no network attachment spec). */
  public TaskSpec(
      ContainerSpec containerSpec,
      ResourceRequirements resources,
      RestartPolicy restartPolicy,
      Placement placement,
      List<NetworkAttachmentConfig> networks,
      Driver logDriver,
      long forceUpdate,
      String runtime) {
    this(
        containerSpec,
        resources,
        restartPolicy,
        placement,
        networks,
        logDriver,
        forceUpdate,
        runtime,
        null);
  }

  /**
   * The spec of a standalone container's attachment to one network (swarmkit's), with the address
   * the container asks for there ({@code --ip}) or null.
   */
  public static TaskSpec attachment(String containerId, String networkId, String address) {
    return new TaskSpec(
        null,
        null,
        null,
        null,
        List.of(
            new NetworkAttachmentConfig(
                networkId, null, null, address == null ? null : List.of(address))),
        null,
        0,
        ATTACHMENT,
        new NetworkAttachmentSpec(containerId));
  }

  /** Whether this is a network attachment's spec (no container to run). */
  @JsonIgnore
  public boolean isAttachment() {
    return ATTACHMENT.equals(runtime);
  }

  /** moby's NetworkAttachmentSpec. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record NetworkAttachmentSpec(@JsonProperty("ContainerID") String containerId) {}
}
