package dev.ddlab.cli;

import dev.ddlab.cli.command.CommandPool;
import dev.ddlab.cli.command.CommandTree;
import dev.ddlab.cli.command.Dispatcher;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Engine;
import java.util.List;

/**
 * The {@code docker} program of a node. {@link #run} takes the words after {@code docker} as the
 * shell split them and behaves as docker/cli does: same output, same errors, same exit codes. It
 * talks only to the {@link Engine}, so the same CLI drives the simulator and a real daemon.
 */
public final class DockerCli {
  private final Engine engine;
  private final CliContext ctx;
  private final CommandPool pool = new CommandPool();

  public DockerCli(Engine engine, CliContext ctx) {
    this.engine = engine;
    this.ctx = ctx;
  }

  public CliResult run(List<String> args, CommandIo io) {
    return new Dispatcher(engine, ctx, io, pool).run(args);
  }

  /**
   * Completion candidates for the word being typed (the last element of {@code words}, possibly
   * empty): command names, flags, then container and image names from the engine.
   */
  public List<String> complete(List<String> words) {
    return CommandTree.standard().complete(engine, words);
  }
}
