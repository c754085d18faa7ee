package dev.ddlab.sim.shell;

import java.util.function.Consumer;

/**
 * The stdio of one command inside a shell: {@code in} is the piped or redirected input (null when
 * the command reads the terminal), shared by the commands that read the same open file; {@code out}
 * and {@code err} receive text as it is written. {@code job} is the background job the command runs
 * in (null in the shell's foreground): the task its own forks are counted under. {@code tested}
 * says a condition tests the command's status (an {@code if} or {@code while} condition, a command
 * of an {@code &&}/{@code ||} list but the last, a {@code !} pipeline, or a function called there),
 * so {@code set -e} does not end the shell when it fails.
 */
public record Io(
    Stdin in,
    Consumer<String> out,
    Consumer<String> err,
    boolean background,
    Task job,
    boolean tested) {
  public Io(String stdin, Consumer<String> out, Consumer<String> err) {
    this(Stdin.of(stdin), out, err, false, null, false);
  }

  public Io(String stdin, Consumer<String> out, Consumer<String> err, boolean background) {
    this(Stdin.of(stdin), out, err, background, null, false);
  }

  Io(Stdin in, Consumer<String> out, Consumer<String> err, boolean background, Task job) {
    this(in, out, err, background, job, false);
  }

  /**
   * What is left of the piped or redirected input, read to its end (a program reads all of it), or
   * null when the command reads the terminal. Call once per reader.
   */
  public String stdin() {
    return in == null ? null : in.rest();
  }

  /** Whether the command's input is a pipe or a file rather than the terminal. */
  public boolean piped() {
    return in != null;
  }

  Io withInput(Stdin i) {
    return new Io(i, out, err, background, job, tested);
  }

  public Io withOut(Consumer<String> o) {
    return new Io(in, o, err, background, job, tested);
  }

  public Io withErr(Consumer<String> e) {
    return new Io(in, out, e, background, job, tested);
  }

  /** The same streams with other input, output and error (redirections). */
  Io withStreams(Stdin i, Consumer<String> o, Consumer<String> e) {
    return new Io(i, o, e, background, job, tested);
  }

  /** The same streams for a command whose status a condition tests ({@code set -e} ignores it). */
  Io asTested(boolean t) {
    return t == tested ? this : new Io(in, out, err, background, job, t);
  }

  /** Whether the job this command runs in was killed ({@code kill %1}): it starts nothing more. */
  public boolean killed() {
    return job != null && job.killed();
  }

  /** Output lines of a text, as tools print them: "\n"-terminated. */
  public void println(String line) {
    out.accept(line + "\n");
  }

  public void errln(String line) {
    err.accept(line + "\n");
  }
}
