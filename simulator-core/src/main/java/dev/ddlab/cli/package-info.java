/**
 * The {@code docker} program of a node: {@link dev.ddlab.cli.DockerCli} runs one command line
 * against an {@link dev.ddlab.engine.Engine} and returns a {@link dev.ddlab.client.CliResult}.
 * Mirrors docker/cli's {@code cmd/docker} and {@code cli/command} (see the subpackages); it never
 * knows whether the engine is simulated or real.
 */
package dev.ddlab.cli;
