/**
 * The launcher subcommand of the bridge that needs no simulator ({@code ddlab real-engine}), a
 * picocli class registered in {@code dev.ddlab.app.Main}. {@code engine-api}, {@code diff-real} and
 * {@code bench --vs-real} wire simulated nodes, so they live in the application layer ({@code
 * dev.ddlab.app}).
 */
package dev.ddlab.bridge.cmd;
