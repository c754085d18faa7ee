package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One row of GET /containers/json. Status is the human text ("Up 5 minutes", "Exited (0) 2 seconds
 * ago").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSummary(
    @JsonProperty("Id") String id,
    @JsonProperty("Names") List<String> names,
    @JsonProperty("Image") String image,
    @JsonProperty("ImageID") String imageId,
    @JsonProperty("Command") String command,
    @JsonProperty("Created") long created,
    @JsonProperty("Ports") List<Port> ports,
    @JsonProperty("SizeRw") Long sizeRw,
    @JsonProperty("SizeRootFs") Long sizeRootFs,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("State") String state,
    @JsonProperty("Status") String status,
    @JsonProperty("HostConfig") Map<String, String> hostConfig,
    @JsonProperty("NetworkSettings") Map<String, Map<String, EndpointSettings>> networkSettings,
    @JsonProperty("Mounts") List<MountPoint> mounts) {}
