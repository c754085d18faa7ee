package dev.ddlab.dockerfile;

import java.util.List;

/**
 * A typed Dockerfile instruction (BuildKit's {@code instructions.Command}), each with the {@link
 * Node} it was parsed from (its text and lines). Values are as written: variables are substituted
 * when the builder dispatches the instruction ({@link ShellLex}).
 */
public sealed interface Instruction {
  Node node();

  /** The instruction word in upper case, as BuildKit names steps ("RUN", "COPY" …). */
  default String name() {
    return node().instruction().toUpperCase(java.util.Locale.ROOT);
  }

  /** A key and its value (ENV, LABEL). */
  record KeyValue(String key, String value) {}

  /** ARG name[=default]: value is null without a default. */
  record ArgPair(String key, String value) {}

  /**
   * RUN: the command (one shell string, or the exec form's words), its flags and the here-documents
   * its line opens ({@code RUN <<EOF}, {@code RUN python3 <<EOF}).
   */
  record Run(
      Node node,
      List<String> command,
      boolean json,
      List<String> mounts,
      String network,
      List<Heredoc> heredocs)
      implements Instruction {}

  /** CMD. */
  record Cmd(Node node, List<String> command, boolean json) implements Instruction {}

  /** ENTRYPOINT (an empty one clears it: command is null). */
  record Entrypoint(Node node, List<String> command, boolean json) implements Instruction {}

  /**
   * COPY [--from] [--chown] [--chmod] [--link] src… dest; {@code inline} are the sources written as
   * here-documents ({@code COPY <<EOF /etc/app.conf}), which {@code sources} leaves out.
   */
  record Copy(
      Node node,
      List<String> sources,
      String dest,
      String from,
      String chown,
      String chmod,
      boolean link,
      List<Heredoc> inline)
      implements Instruction {}

  /** ADD [--chown] [--chmod] [--checksum] [--link] src… dest; {@code inline} as for COPY. */
  record Add(
      Node node,
      List<String> sources,
      String dest,
      String chown,
      String chmod,
      String checksum,
      boolean link,
      List<Heredoc> inline)
      implements Instruction {}

  record Workdir(Node node, String path) implements Instruction {}

  record Env(Node node, List<KeyValue> pairs) implements Instruction {}

  record Label(Node node, List<KeyValue> pairs) implements Instruction {}

  record Arg(Node node, List<ArgPair> args) implements Instruction {}

  /** EXPOSE: the ports as written, sorted as BuildKit sorts them. */
  record Expose(Node node, List<String> ports) implements Instruction {}

  record User(Node node, String user) implements Instruction {}

  record Volume(Node node, List<String> volumes) implements Instruction {}

  /**
   * HEALTHCHECK: {@code test} is ["NONE"], ["CMD", …] or ["CMD-SHELL", cmd]; durations in
   * nanoseconds (0 when not given).
   */
  record Healthcheck(
      Node node,
      List<String> test,
      long interval,
      long timeout,
      long startPeriod,
      long startInterval,
      int retries)
      implements Instruction {}

  record Shell(Node node, List<String> shell) implements Instruction {}

  record StopSignal(Node node, String signal) implements Instruction {}

  /** ONBUILD: the trigger instruction's text. */
  record Onbuild(Node node, String expression) implements Instruction {}

  record Maintainer(Node node, String maintainer) implements Instruction {}
}
