/**
 * What a client-side program (the {@code docker} CLI and its plugins) sees of the terminal that
 * runs it ({@link dev.ddlab.client.CommandIo}) and what it hands back ({@link
 * dev.ddlab.client.CliResult}). Shells depend on this, not on the CLI, so the simulator never
 * imports the CLI.
 */
package dev.ddlab.client;
