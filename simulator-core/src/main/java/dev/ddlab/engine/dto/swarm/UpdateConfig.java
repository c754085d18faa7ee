package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How a rolling update (or rollback) proceeds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateConfig(
    @JsonProperty("Parallelism") long parallelism,
    @JsonProperty("Delay") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long delay,
    @JsonProperty("FailureAction") @JsonInclude(JsonInclude.Include.NON_EMPTY) String failureAction,
    @JsonProperty("Monitor") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long monitor,
    @JsonProperty("MaxFailureRatio") double maxFailureRatio,
    @JsonProperty("Order") String order) {}
