package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One line of GET /services/{id}/logs or /tasks/{id}/logs with details: the task, its node and
 * service (com.docker.swarm.* labels) beside the line.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskLogFrame(
    @JsonProperty("stream") String stream,
    @JsonProperty("time") String time,
    @JsonProperty("text") String text,
    @JsonProperty("details") Map<String, String> details) {}
