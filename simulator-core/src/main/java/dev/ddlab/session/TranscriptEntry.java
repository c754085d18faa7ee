package dev.ddlab.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line typed at a terminal and what it produced: the unit of scripts ({@code ddlab shell
 * --script --json}), of submissions and of replay in grading. {@code typed} is set only for a line
 * the terminal did not echo ({@code read -s}, a password): a stand-in as long as what was typed
 * ({@link #standIn}), never the secret itself, which would otherwise sit in submissions and
 * exported transcripts (learners type real Docker Hub passwords at {@code docker login}). The
 * grader's replay types the stand-in; the screen and the reports show the empty {@code command}.
 */
public record TranscriptEntry(
    @JsonProperty("node") String node,
    @JsonProperty("prompt") String prompt,
    @JsonProperty("command") String command,
    @JsonProperty("output") String output,
    @JsonProperty("exitCode") int exitCode,
    @JsonProperty("time") long virtualTimeNanos,
    @JsonProperty("typed") @JsonInclude(JsonInclude.Include.NON_NULL) String typed) {

  /** An entry whose command is what was typed (the terminal echoed it). */
  public TranscriptEntry(
      String node, String prompt, String command, String output, int exitCode, long time) {
    this(node, prompt, command, output, exitCode, time, null);
  }

  /**
   * What a transcript keeps of a line typed where the terminal did not echo: as many {@code x} as
   * it had characters, so a replay's {@code ${#pw}} and an empty answer stay what they were.
   */
  public static String standIn(String line) {
    return "x".repeat(line.codePointCount(0, line.length()));
  }

  /**
   * What a replay types for this entry: the line typed where the terminal did not echo ({@code
   * typed}: a {@code read -s}, a password; its {@code command} is empty, as the screen showed
   * nothing), else the command.
   */
  public String input() {
    return typed != null ? typed : command;
  }

  TranscriptEntry withOutput(String o) {
    return new TranscriptEntry(node, prompt, command, o, exitCode, virtualTimeNanos, typed);
  }

  TranscriptEntry withExitCode(int code) {
    return new TranscriptEntry(node, prompt, command, output, code, virtualTimeNanos, typed);
  }
}
