package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of POST /containers/{id}/exec. {@code ConsoleSize} ([height, width], API 1.42) is the
 * client's terminal size for a TTY, null otherwise (then not sent).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecConfig(
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("User") String user,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("ConsoleSize") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Long> consoleSize) {

  /** An exec without a console size. */
  public ExecConfig(
      boolean attachStdin,
      boolean attachStdout,
      boolean attachStderr,
      String detachKeys,
      boolean tty,
      List<String> env,
      List<String> cmd,
      boolean privileged,
      String user,
      String workingDir) {
    this(
        attachStdin,
        attachStdout,
        attachStderr,
        detachKeys,
        tty,
        env,
        cmd,
        privileged,
        user,
        workingDir,
        null);
  }
}
