package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A secret: name, labels, data (base64, never returned by the daemon). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretSpec(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Data") @JsonInclude(JsonInclude.Include.NON_EMPTY) String data,
    @JsonProperty("Driver") @JsonInclude(JsonInclude.Include.NON_EMPTY) Driver driver,
    @JsonProperty("Templating") @JsonInclude(JsonInclude.Include.NON_EMPTY) Driver templating) {}
