package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** What a service should be (docker service create/update). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceSpec(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("TaskTemplate") TaskSpec taskTemplate,
    @JsonProperty("Mode") ServiceMode mode,
    @JsonProperty("UpdateConfig") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        UpdateConfig updateConfig,
    @JsonProperty("RollbackConfig") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        UpdateConfig rollbackConfig,
    @JsonProperty("EndpointSpec") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        EndpointSpec endpointSpec) {

  /** This spec with its tasks attached to {@code networks} (the daemon resolves names to IDs). */
  public ServiceSpec withNetworks(List<NetworkAttachmentConfig> networks) {
    TaskSpec t = taskTemplate;
    if (t == null || networks == null) {
      return this;
    }
    return new ServiceSpec(
        name,
        labels,
        new TaskSpec(
            t.containerSpec(),
            t.resources(),
            t.restartPolicy(),
            t.placement(),
            networks,
            t.logDriver(),
            t.forceUpdate(),
            t.runtime()),
        mode,
        updateConfig,
        rollbackConfig,
        endpointSpec);
  }

  /** A global service (one task per node) rather than a replicated one. */
  @JsonIgnore
  public boolean global() {
    return mode != null && mode.global() != null;
  }

  /** The replicas a replicated service asks for; 0 for a global one or when none are given. */
  @JsonIgnore
  public long replicas() {
    return mode != null && mode.replicated() != null && mode.replicated().replicas() != null
        ? mode.replicated().replicas()
        : 0;
  }
}
