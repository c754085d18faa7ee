package dev.ddlab.sim.shell;

import java.util.function.Consumer;

/**
 * The stdio of one command inside a shell: {@code stdin} is the piped or redirected input (null
 * when the command reads the terminal), {@code out} and {@code err} receive text as it is written.
 */
public record Io(String stdin, Consumer<String> out, Consumer<String> err, boolean background) {
  public Io(String stdin, Consumer<String> out, Consumer<String> err) {
    this(stdin, out, err, false);
  }

  public Io withStdin(String in) {
    return new Io(in, out, err, background);
  }

  public Io withOut(Consumer<String> o) {
    return new Io(stdin, o, err, background);
  }

  public Io withErr(Consumer<String> e) {
    return new Io(stdin, out, e, background);
  }

  /** Output lines of a text, as tools print them: "\n"-terminated. */
  public void println(String line) {
    out.accept(line + "\n");
  }

  public void errln(String line) {
    err.accept(line + "\n");
  }
}
