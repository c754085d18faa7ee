package dev.ddlab.cli;

import dev.ddlab.cli.command.CommandTree;

/**
 * A docker CLI plugin ({@code docker compose}, {@code docker buildx}): a management command added
 * to the command tree, as docker/cli's {@code cli-plugins/manager} adds the binaries it finds in
 * {@code ~/.docker/cli-plugins}. A plugin's commands are {@link
 * dev.ddlab.cli.command.DockerCommand}s like docker's own, so they share the flag grammar, help,
 * completion and {@link DockerSyntax}, and they talk to the {@link dev.ddlab.engine.Engine} only:
 * the same plugin drives the simulator and a real daemon.
 *
 * <p>Plugins are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.ddlab.cli.CliPlugin}.
 */
public interface CliPlugin {
  /** The management command's name ("compose"). */
  String name();

  /** The plugin's metadata, as {@code docker-cli-plugin-metadata} gives it ("Docker Compose"). */
  String shortDescription();

  /** "Docker Inc." */
  String vendor();

  /** "v2.21.0" */
  String version();

  /**
   * The plugin's persistent flags that take a value ({@code -f}, {@code -p} of compose). They may
   * stand before the subcommand ({@code docker compose -f x.yml up}); the dispatcher moves them
   * after it, where every subcommand declares them.
   */
  default java.util.List<String> flagsWithValue() {
    return java.util.List.of();
  }

  /**
   * The long name of a persistent shorthand flag ({@code -f} → {@code --file}), or null: written
   * before the subcommand a shorthand is the persistent flag even where a subcommand gives the same
   * letter its own meaning ({@code logs -f} is follow).
   */
  default String longName(String shorthand) {
    return null;
  }

  /**
   * Adds the plugin's subcommands to {@code group} (already named {@link #name()}), and any
   * top-level command it provides to {@code tree}.
   */
  void register(CommandTree tree, CommandTree.Group group);
}
