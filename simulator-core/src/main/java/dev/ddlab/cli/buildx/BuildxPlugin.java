package dev.ddlab.cli.buildx;

import dev.ddlab.cli.CliPlugin;
import dev.ddlab.cli.command.CommandTree;

/**
 * Docker Buildx as a docker CLI plugin ({@code docker buildx …}), over the Engine API only. Its
 * builders live client-side, in {@code ~/.docker/buildx} as buildx keeps them ({@link
 * BuilderStore}); the {@code docker} driver builds through the daemon's build sub-API.
 */
public final class BuildxPlugin implements CliPlugin {
  /** buildx as Docker 24.0.7 ships it. */
  static final String VERSION = "v0.11.2";

  static final String COMMIT = "9872040";

  @Override
  public String name() {
    return "buildx";
  }

  @Override
  public String shortDescription() {
    return "Docker Buildx";
  }

  @Override
  public String vendor() {
    return "Docker Inc.";
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void register(CommandTree tree, CommandTree.Group g) {
    g.sub("build", BuildxCommands.Build::new, "b");
    g.sub("create", BuildxCommands.Create::new);
    g.sub("imagetools", Imagetools::new);
    g.sub("inspect", BuildxCommands.Inspect::new);
    g.sub("ls", BuildxCommands.Ls::new);
    g.sub("rm", BuildxCommands.Rm::new);
    g.sub("use", BuildxCommands.Use::new);
    g.sub("version", BuildxCommands.Version::new);
  }
}
