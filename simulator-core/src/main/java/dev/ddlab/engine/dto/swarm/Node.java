package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GET /nodes/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Node(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Spec") NodeSpec spec,
    @JsonProperty("Description") NodeDescription description,
    @JsonProperty("Status") NodeStatus status,
    @JsonProperty("ManagerStatus") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ManagerStatus managerStatus) {

  /** This node with another status. */
  public Node withStatus(NodeStatus s) {
    return new Node(id, version, createdAt, updatedAt, spec, description, s, managerStatus);
  }

  /** This node with another description (what it reports: its TLS info …). */
  public Node withDescription(NodeDescription d) {
    return new Node(id, version, createdAt, updatedAt, spec, d, status, managerStatus);
  }

  /** This node with another manager status (as the manager answering sees the others). */
  public Node withManagerStatus(ManagerStatus m) {
    return new Node(id, version, createdAt, updatedAt, spec, description, status, m);
  }

  /** This node with another spec, updated at {@code ts}, and manager status. */
  public Node withSpec(NodeSpec sp, String ts, ManagerStatus m) {
    return new Node(id, version, createdAt, ts, sp, description, status, m);
  }
}
