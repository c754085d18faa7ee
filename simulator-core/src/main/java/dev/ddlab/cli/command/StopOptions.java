package dev.ddlab.cli.command;

import picocli.CommandLine.Option;

/** The flags docker stop and docker restart share (docker/cli's stopOptions). */
public final class StopOptions {
  @Option(
      names = {"-s", "--signal"},
      paramLabel = "string",
      description = "Signal to send to the container")
  String signal;

  @Option(
      names = {"-t", "--time"},
      paramLabel = "int",
      description = "Seconds to wait before killing the container")
  Integer time;
}
