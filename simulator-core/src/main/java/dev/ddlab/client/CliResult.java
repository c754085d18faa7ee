package dev.ddlab.client;

import dev.ddlab.engine.Attachment;

/**
 * What a docker CLI invocation left behind: its exit code, or, for {@code run -it}, {@code exec
 * -it}, {@code start -ai}, {@code attach} and a foreground {@code run} that has not ended, the
 * attachment the terminal must now route keystrokes to. When the attachment closes, the command's
 * exit code is the process's exit code, or 0 after a detach (Ctrl-P Ctrl-Q).
 *
 * <p>{@code brokenPipe} is how the CLI ends when a write of the stream to its stdout meets a pipe
 * whose reader is gone: null when it dies of SIGPIPE (141, a Go program that does not catch the
 * signal: {@code docker logs -f}, {@code exec}, {@code run --sig-proxy=false}), else the error it
 * prints before it exits with 1 ({@code run}, {@code start -a} and {@code attach} proxy every
 * signal to the container, so SIGPIPE is caught and the write fails with EPIPE: {@code write
 * /dev/stdout: broken pipe}).
 */
public record CliResult(int exitCode, Attachment attachment, String brokenPipe) {
  /**
   * What a CLI that catches SIGPIPE prints when its stdout's reader is gone (Go's os.File error).
   */
  public static final String WRITE_BROKEN_PIPE = "write /dev/stdout: broken pipe";

  public CliResult(int exitCode, Attachment attachment) {
    this(exitCode, attachment, null);
  }

  public static CliResult exit(int code) {
    return new CliResult(code, null);
  }

  public static CliResult attached(Attachment attachment) {
    return new CliResult(0, attachment);
  }

  /** A stream whose CLI proxies signals: a broken stdout pipe ends it with its error and 1. */
  public static CliResult proxyingSignals(Attachment attachment) {
    return new CliResult(0, attachment, WRITE_BROKEN_PIPE);
  }

  public boolean isAttached() {
    return attachment != null;
  }
}
