package dev.ddlab.cli.compose;

import dev.ddlab.cli.CliPlugin;
import dev.ddlab.cli.command.CommandTree;
import java.util.List;

/**
 * Docker Compose v2 as a docker CLI plugin ({@code docker compose …}), over the Engine API only, so
 * it drives the simulator and a real daemon alike. Its persistent flags ({@code -f}, {@code -p} …)
 * may stand before the subcommand.
 */
public final class ComposePlugin implements CliPlugin {
  @Override
  public String name() {
    return "compose";
  }

  @Override
  public String shortDescription() {
    return "Docker Compose";
  }

  @Override
  public String vendor() {
    return "Docker Inc.";
  }

  @Override
  public String version() {
    return "v" + ComposeService.VERSION;
  }

  @Override
  public List<String> flagsWithValue() {
    return ComposeCommand.VALUE_FLAGS;
  }

  @Override
  public String longName(String shorthand) {
    return switch (shorthand) {
      case "-f" -> "--file";
      case "-p" -> "--project-name";
      default -> null;
    };
  }

  @Override
  public void register(CommandTree tree, CommandTree.Group g) {
    g.sub("build", ComposeCommands.Build::new);
    g.sub("config", ComposeCommands.Config::new, "convert");
    g.sub("down", ComposeCommands.Down::new);
    g.sub("events", ComposeEvents::new);
    g.sub("exec", ComposeCommands.Exec::new);
    g.sub("images", ComposeCommands.Images::new);
    g.sub("kill", ComposeControl.Kill::new);
    g.sub("logs", ComposeCommands.Logs::new);
    g.sub("pause", ComposeControl.Pause::new);
    g.sub("port", ComposeControl.PortCommand::new);
    g.sub("ls", ComposeCommands.Ls::new);
    g.sub("ps", ComposeCommands.Ps::new);
    g.sub("pull", ComposeCommands.Pull::new);
    g.sub("restart", ComposeCommands.Restart::new);
    g.sub("run", ComposeRun::new);
    g.sub("rm", ComposeCommands.Rm::new);
    g.sub("start", ComposeCommands.Start::new);
    g.sub("stop", ComposeCommands.Stop::new);
    g.sub("top", ComposeCommands.Top::new);
    g.sub("unpause", ComposeControl.Unpause::new);
    g.sub("up", ComposeCommands.Up::new);
    g.sub("version", ComposeCommands.Version::new);
  }
}
