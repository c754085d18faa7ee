package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GET /tasks/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Spec") TaskSpec spec,
    @JsonProperty("ServiceID") @JsonInclude(JsonInclude.Include.NON_EMPTY) String serviceId,
    @JsonProperty("Slot") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int slot,
    @JsonProperty("NodeID") @JsonInclude(JsonInclude.Include.NON_EMPTY) String nodeId,
    @JsonProperty("Status") TaskStatus status,
    @JsonProperty("DesiredState") @JsonInclude(JsonInclude.Include.NON_EMPTY) String desiredState,
    @JsonProperty("NetworksAttachments") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<NetworkAttachment> networksAttachments) {

  /**
   * A task just created at {@code ts} (no version, no labels, no addresses yet), desired running,
   * in state {@code state} with {@code message}.
   */
  public static Task created(
      String id,
      String ts,
      TaskSpec spec,
      String serviceId,
      int slot,
      String nodeId,
      String state,
      String message) {
    return new Task(
        id,
        null,
        ts,
        ts,
        "",
        Map.of(),
        spec,
        serviceId,
        slot,
        nodeId,
        new TaskStatus(ts, state, message, "", null, null),
        "running",
        null);
  }

  /** This task on {@code nodeId} in {@code status}, updated at {@code updatedAt}. */
  public Task withStatus(String nodeId, TaskStatus status, String updatedAt) {
    return copy(updatedAt, nodeId, status, desiredState, networksAttachments);
  }

  /** This task with another desired state (the orchestrator's shutdown). */
  public Task withDesiredState(String desired) {
    return copy(updatedAt, nodeId, status, desired, networksAttachments);
  }

  /** This task with the allocator's addresses on its networks. */
  public Task withAttachments(List<NetworkAttachment> attachments) {
    return copy(updatedAt, nodeId, status, desiredState, attachments);
  }

  private Task copy(
      String updatedAt,
      String nodeId,
      TaskStatus status,
      String desiredState,
      List<NetworkAttachment> attachments) {
    return new Task(
        id,
        version,
        createdAt,
        updatedAt,
        name,
        labels,
        spec,
        serviceId,
        slot,
        nodeId,
        status,
        desiredState,
        attachments);
  }
}
