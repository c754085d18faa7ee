package dev.ddlab.sim.shell;

import java.util.function.Consumer;

/**
 * The stdio of one command inside a shell: {@code stdin} is the piped or redirected input (null
 * when the command reads the terminal), {@code out} and {@code err} receive text as it is written.
 * {@code job} is the background job the command runs in (null in the shell's foreground): the task
 * its own forks are counted under.
 */
public record Io(
    String stdin, Consumer<String> out, Consumer<String> err, boolean background, Task job) {
  public Io(String stdin, Consumer<String> out, Consumer<String> err) {
    this(stdin, out, err, false, null);
  }

  public Io(String stdin, Consumer<String> out, Consumer<String> err, boolean background) {
    this(stdin, out, err, background, null);
  }

  public Io withStdin(String in) {
    return new Io(in, out, err, background, job);
  }

  public Io withOut(Consumer<String> o) {
    return new Io(stdin, o, err, background, job);
  }

  public Io withErr(Consumer<String> e) {
    return new Io(stdin, out, e, background, job);
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
