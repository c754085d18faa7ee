package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A container's or image's "Healthcheck": {@code Test} is [] (inherit), ["NONE"], ["CMD", args…] or
 * ["CMD-SHELL", command]; durations in nanoseconds, 0 meaning the default (30 s interval and
 * timeout, no start period); 0 retries meaning 3. Zero fields are left out, as Go's omitempty does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthConfig(
    @JsonProperty("Test") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> test,
    @JsonProperty("Interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long interval,
    @JsonProperty("Timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long timeout,
    @JsonProperty("StartPeriod") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startPeriod,
    @JsonProperty("Retries") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retries) {

  /** Whether this config turns health checks off ({@code HEALTHCHECK NONE}, --no-healthcheck). */
  public boolean disabled() {
    return test != null && !test.isEmpty() && "NONE".equals(test.get(0));
  }
}
