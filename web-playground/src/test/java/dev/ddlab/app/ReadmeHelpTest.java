package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The README's command table and the launcher's --help tell the same story. */
class ReadmeHelpTest {
  private static String readme() throws Exception {
    Path root = Path.of(System.getProperty("ddlab.root", ".."));
    return Files.readString(root.resolve("README.md"));
  }

  /** The README's table rows naming {@code ./ddlab NAME}. */
  private static String rowsOf(String readme, String name) {
    StringBuilder b = new StringBuilder();
    for (String line : readme.split("\n")) {
      if (line.startsWith("| `./ddlab " + name)) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void every_option_a_user_needs_is_in_the_readme_row_of_its_command() throws Exception {
    String readme = readme();
    java.util.Set<String> missing = new java.util.TreeSet<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      String name = spec.name();
      if (name.equals("help")) {
        continue;
      }
      String rows = rowsOf(readme, name);
      if (rows.isEmpty()) {
        missing.add(name + " (no row)");
        continue;
      }
      List<CommandSpec> specs = new ArrayList<>(List.of(spec));
      sub.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
      for (CommandSpec s : specs) {
        if (s != spec && !rows.contains(s.name())) {
          missing.add(name + " " + s.name());
        }
        for (OptionSpec o : s.options()) {
          if (o.hidden() || o.usageHelp() || o.versionHelp()) {
            continue;
          }
          if (!rows.contains(o.longestName())) {
            missing.add(name + " " + o.longestName());
          }
        }
      }
    }
    assertEquals(java.util.Set.of(), missing, "options in --help but not in the README");
  }

  @Test
  void every_launcher_command_and_sub_command_answers_help() {
    List<List<String>> paths = new ArrayList<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      if (!sub.getCommandName().equals("help")) {
        paths.add(List.of(sub.getCommandName()));
        sub.getSubcommands().keySet().forEach(n -> paths.add(List.of(sub.getCommandName(), n)));
      }
    }
    for (List<String> path : paths) {
      CommandLine cl = Main.commandLine();
      java.io.StringWriter out = new java.io.StringWriter();
      cl.setOut(new java.io.PrintWriter(out));
      cl.setErr(new java.io.PrintWriter(out));
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      assertEquals(0, cl.execute(args.toArray(String[]::new)), out.toString());
      assertTrue(
          out.toString().startsWith("Usage: ddlab " + String.join(" ", path)), out.toString());
    }
  }

  @Test
  void no_help_text_makes_picocli_warn_about_its_format() {
    // picocli formats descriptions with String.format: a lone % (as in "± 50%, key") makes it
    // print a warning on the process's stderr, three times, before the help
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      List<CommandLine> all = new ArrayList<>(List.of(Main.commandLine()));
      for (int i = 0; i < all.size(); i++) {
        all.addAll(all.get(i).getSubcommands().values());
        all.get(i).getUsageMessage();
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
