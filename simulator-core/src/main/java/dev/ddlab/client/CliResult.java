package dev.ddlab.client;

import dev.ddlab.engine.Attachment;

/**
 * What a docker CLI invocation left behind: its exit code, or, for {@code run -it}, {@code exec
 * -it}, {@code start -ai}, {@code attach} and a foreground {@code run} that has not ended, the
 * attachment the terminal must now route keystrokes to. When the attachment closes, the command's
 * exit code is the process's exit code, or 0 after a detach (Ctrl-P Ctrl-Q).
 */
public record CliResult(int exitCode, Attachment attachment) {
  public static CliResult exit(int code) {
    return new CliResult(code, null);
  }

  public static CliResult attached(Attachment attachment) {
    return new CliResult(0, attachment);
  }

  public boolean isAttached() {
    return attachment != null;
  }
}
