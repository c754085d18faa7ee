package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.List;

/**
 * A very small PowerShell: the banner and prompt, {@code Write-Host}/{@code Write-Output}/{@code
 * echo}, {@code $PSVersionTable}, {@code exit [n]}, and {@code -c COMMAND}. Anything else gets
 * PowerShell's "not recognized" error.
 */
public final class Pwsh implements Program {
  private static final String VERSION = "7.4.0";

  @Override
  public void start(Proc proc) {
    List<String> a = proc.argv();
    for (int i = 1; i < a.size(); i++) {
      String arg = a.get(i).toLowerCase();
      if ((arg.equals("-c") || arg.equals("-command")) && i + 1 < a.size()) {
        run(proc, String.join(" ", a.subList(i + 1, a.size())));
        if (!proc.exited()) {
          proc.exit(0);
        }
        return;
      }
      if (arg.equals("-v") || arg.equals("-version")) {
        proc.out("PowerShell " + VERSION + "\n");
        proc.exit(0);
        return;
      }
    }
    if (proc.tty()) {
      proc.out("PowerShell " + VERSION + "\n\n");
    }
  }

  @Override
  public void stdin(Proc proc, String line) {
    run(proc, line);
  }

  @Override
  public void stdinClosed(Proc proc) {
    proc.exit(0);
  }

  @Override
  public String prompt(Proc proc) {
    return "PS " + proc.cwd() + "> ";
  }

  private void run(Proc proc, String line) {
    String cmd = line.trim();
    if (cmd.isEmpty()) {
      return;
    }
    String[] words = cmd.split("\\s+", 2);
    String verb = words[0].toLowerCase();
    String rest = words.length > 1 ? words[1] : "";
    switch (verb) {
      case "exit" -> proc.exit(rest.isEmpty() ? 0 : parse(rest));
      case "write-host", "write-output", "echo" -> proc.out(unquote(rest) + "\n");
      case "$psversiontable" ->
          proc.out(
              "\nName                           Value\n"
                  + "----                           -----\n"
                  + "PSVersion                      "
                  + VERSION
                  + "\nPSEdition                      Core\n"
                  + "OS                             Ubuntu 22.04.3 LTS\n"
                  + "Platform                       Unix\n\n");
      case "get-location", "pwd" -> proc.out("\nPath\n----\n" + proc.cwd() + "\n\n");
      default ->
          proc.err(
              words[0]
                  + ": The term '"
                  + words[0]
                  + "' is not recognized as a name of a cmdlet, function, script file, or"
                  + " executable program.\nCheck the spelling of the name, or if a path was"
                  + " included, verify that the path is correct and try again.\n");
    }
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }
}
