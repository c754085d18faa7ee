package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GET /system/df. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemDf(
    @JsonProperty("LayersSize") long layersSize,
    @JsonProperty("Images") List<ImageSummary> images,
    @JsonProperty("Containers") List<ContainerSummary> containers,
    @JsonProperty("Volumes") List<Volume> volumes,
    @JsonProperty("BuildCache") List<Map<String, Object>> buildCache) {}
