package dev.ddlab.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ddlab} launcher. Each subcommand is its own class (picocli, {@code
 * Callable<Integer>}); add yours to {@code subcommands} in alphabetical order.
 */
@Command(
    name = "ddlab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Docker Deep-Dive Lab: a Docker playground, labs and grading for the course.",
    subcommands = {
      BenchCommand.class,
      CommandLine.HelpCommand.class,
      DiffRealCommand.class,
      EngineApiCommand.class,
      dev.ddlab.grader.cli.GradeCommand.class,
      dev.ddlab.grader.cli.GradebookCommand.class,
      ImageCommand.class,
      dev.ddlab.grader.cli.LabsCommand.class,
      LearnCommand.class,
      PcapCommand.class,
      dev.ddlab.bridge.cmd.RealEngineCommand.class,
      ServeCommand.class,
      ShellCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    withHelp(cl);
    return cl;
  }

  /** Every command and sub-command answers --help (and -h), as ddlab's own commands do. */
  private static void withHelp(CommandLine cl) {
    cl.getCommandSpec().mixinStandardHelpOptions(true);
    cl.getSubcommands().values().forEach(Main::withHelp);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version in the jar's manifest (Maven's project version), or "dev". */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ddlab " + version()};
    }
  }

  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
