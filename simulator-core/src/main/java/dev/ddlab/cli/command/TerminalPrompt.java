package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;

/**
 * A CLI command that reads its answer from the terminal ({@code docker swarm unlock}'s key): the
 * terminal shows {@link #prompt()}, and the next typed line is the answer, handled once. Ctrl-C
 * ends the command with 130 (x/term's ReadPassword keeps ISIG, so the CLI dies of SIGINT); a
 * daemon's error is printed as the CLI prints it, status 1.
 */
final class TerminalPrompt implements Attachment {
  /** What the command does with the answer; returns its exit status. */
  @FunctionalInterface
  interface Answer extends ToIntBiFunction<String, Consumer<String>> {}

  private final String prompt;
  private final boolean echo;
  private final Answer answer;
  private final StringBuilder output = new StringBuilder();
  private Integer exitCode;

  /**
   * @param echo false when the terminal does not echo the answer (a key, a password)
   */
  TerminalPrompt(String prompt, boolean echo, Answer answer) {
    this.prompt = prompt;
    this.echo = echo;
    this.answer = answer;
  }

  @Override
  public String read() {
    String s = output.toString();
    output.setLength(0);
    return s;
  }

  @Override
  public String prompt() {
    return exitCode == null ? prompt : "";
  }

  @Override
  public boolean echoes() {
    return echo;
  }

  @Override
  public void write(String input) {
    if (exitCode != null) {
      return;
    }
    if (input.contains("\u0003")) {
      exitCode = 130;
      return;
    }
    String line = input.equals("\u0004") ? "" : input;
    line = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    try {
      exitCode = answer.applyAsInt(line, output::append);
    } catch (EngineException e) {
      output.append(DockerCommand.daemonError(e)).append('\n');
      exitCode = 1;
    } catch (CliException e) {
      output.append(e.getMessage()).append('\n');
      exitCode = e.status();
    }
  }

  @Override
  public boolean awaitExit(Duration max) {
    return exitCode != null;
  }

  @Override
  public boolean isClosed() {
    return exitCode != null;
  }

  @Override
  public Integer exitCode() {
    return exitCode;
  }

  @Override
  public void close() {
    if (exitCode == null) {
      exitCode = 130;
    }
  }
}
