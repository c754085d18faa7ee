/**
 * The launcher subcommands of the bridge ({@code ddlab real-engine}, {@code ddlab engine-api},
 * {@code ddlab diff-real}), picocli classes registered in {@code dev.ddlab.app.Main}.
 */
package dev.ddlab.bridge.cmd;
