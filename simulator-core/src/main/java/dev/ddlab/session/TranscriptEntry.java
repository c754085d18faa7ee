package dev.ddlab.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line typed at a terminal and what it produced: the unit of scripts ({@code ddlab shell
 * --script --json}), of submissions and of replay in grading.
 */
public record TranscriptEntry(
    @JsonProperty("node") String node,
    @JsonProperty("prompt") String prompt,
    @JsonProperty("command") String command,
    @JsonProperty("output") String output,
    @JsonProperty("exitCode") int exitCode,
    @JsonProperty("time") long virtualTimeNanos) {}
