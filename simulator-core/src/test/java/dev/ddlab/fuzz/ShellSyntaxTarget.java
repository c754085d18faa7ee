package dev.ddlab.fuzz;

import dev.ddlab.cli.DockerSyntax;
import dev.ddlab.sim.shell.Parser;
import dev.ddlab.sim.shell.ShellSyntaxException;
import java.util.Arrays;
import java.util.List;

/**
 * The grammars alone, without running anything: the shell's parser ({@code sim.shell.Parser}) and
 * the docker CLI's ({@link DockerSyntax}, as lab checks read typed commands). Cheap enough for a
 * million lines a build; {@link ShellCliTarget} runs fewer lines, all the way.
 */
final class ShellSyntaxTarget implements FuzzTarget {
  private final ShellCliTarget typed;

  ShellSyntaxTarget(ShellCliTarget typed) {
    this.typed = typed;
  }

  @Override
  public String name() {
    return "shell+docker-cli grammar";
  }

  @Override
  public List<String> corpus() {
    return typed.corpus();
  }

  @Override
  public List<String> dictionary() {
    return typed.dictionary();
  }

  @Override
  public Subject open(long seed) {
    return new Subject() {
      @Override
      public Fed feed(String input) {
        String shell;
        int status = 0;
        try {
          Parser.parse(input);
          shell = "parsed";
        } catch (ShellSyntaxException e) {
          shell = e.incomplete() ? "incomplete" : "bash: " + e.getMessage();
          status = 2;
        }
        List<String> words = Arrays.asList(input.strip().split("\\s+"));
        String docker = "";
        if (words.size() > 1 && words.get(0).equals("docker")) {
          docker =
              DockerSyntax.parse(words.subList(1, words.size()))
                  .map(p -> " docker " + String.join(" ", p.path()))
                  .orElse(" docker: rejected");
        }
        return new Fed(shell + docker, status, 0);
      }

      @Override
      public void close() {}
    };
  }
}
