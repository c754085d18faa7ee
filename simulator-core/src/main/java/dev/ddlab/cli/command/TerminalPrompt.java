package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import java.time.Duration;

/**
 * A CLI command that reads its answers from the terminal ({@code docker login}'s Username and
 * Password, {@code docker swarm unlock}'s key): the terminal shows {@link #prompt()}, and each
 * typed line is the answer to the current question. Ctrl-C ends the command with 130 (x/term's
 * ReadPassword keeps ISIG, so the CLI dies of SIGINT); a daemon's error is printed as the CLI
 * prints it, status 1.
 */
final class TerminalPrompt implements Attachment {
  /** What the command does with an answer. */
  @FunctionalInterface
  interface Answer {
    /**
     * @return the command's exit status, or null when it asked another question ({@link #ask})
     */
    Integer take(String line, TerminalPrompt prompt);
  }

  private String prompt;
  private boolean echo;
  private Answer answer;
  private final StringBuilder output = new StringBuilder();
  private Integer exitCode;

  /**
   * @param echo false when the terminal does not echo the answer (a key, a password)
   */
  TerminalPrompt(String prompt, boolean echo, Answer answer) {
    ask(prompt, echo, answer);
  }

  /** The next question: its prompt, whether the answer is echoed, what is done with it. */
  void ask(String prompt, boolean echo, Answer answer) {
    this.prompt = prompt;
    this.echo = echo;
    this.answer = answer;
  }

  /** Output of the command (its own newlines included). */
  void print(String text) {
    output.append(text);
  }

  /** The command's output on the terminal, for a command that goes on after the answer. */
  dev.ddlab.client.CommandIo io() {
    return new dev.ddlab.client.CommandIo() {
      @Override
      public void out(String text) {
        print(text);
      }

      @Override
      public void err(String text) {
        print(text);
      }
    };
  }

  /** An error line; the command's status is then 1. */
  Integer fail(String message) {
    output.append(message).append('\n');
    return 1;
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
      exitCode = answer.take(line, this);
    } catch (EngineException e) {
      exitCode = fail(DockerCommand.daemonError(e));
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
