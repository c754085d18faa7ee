package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The template of a service's tasks. */
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
    @JsonProperty("Runtime") @JsonInclude(JsonInclude.Include.NON_EMPTY) String runtime) {}
