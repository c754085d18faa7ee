package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GET /swarm: the cluster object and its join tokens. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Swarm(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Spec") SwarmSpec spec,
    @JsonProperty("TLSInfo") TlsInfo tlsInfo,
    @JsonProperty("RootRotationInProgress") boolean rootRotationInProgress,
    @JsonProperty("DefaultAddrPool") List<String> defaultAddrPool,
    @JsonProperty("SubnetSize") int subnetSize,
    @JsonProperty("DataPathPort") int dataPathPort,
    @JsonProperty("JoinTokens") JoinTokens joinTokens) {}
