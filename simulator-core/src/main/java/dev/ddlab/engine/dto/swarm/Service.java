package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GET /services/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Spec") ServiceSpec spec,
    @JsonProperty("PreviousSpec") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ServiceSpec previousSpec,
    @JsonProperty("Endpoint") Endpoint endpoint,
    @JsonProperty("UpdateStatus") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        UpdateStatus updateStatus,
    @JsonProperty("ServiceStatus") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ServiceStatus serviceStatus) {
  /** This service with another endpoint (the allocator's VIPs and published ports). */
  public Service withEndpoint(Endpoint e) {
    return new Service(
        id, version, createdAt, updatedAt, spec, previousSpec, e, updateStatus, serviceStatus);
  }

  /** This service with another update status (the updater's: updating, completed …). */
  public Service withUpdateStatus(UpdateStatus u) {
    return new Service(
        id, version, createdAt, updatedAt, spec, previousSpec, endpoint, u, serviceStatus);
  }
}
