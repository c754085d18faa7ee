package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Config entries carry "Subnet", "Gateway", "IPRange". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ipam(
    @JsonProperty("Driver") String driver,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Config") List<Map<String, String>> config) {}
