/**
 * The docker command tree: one picocli class per command, grouped as docker/cli groups them ({@code
 * cli/command/container}, {@code image}, {@code network}, {@code volume}, {@code system}, {@code
 * manifest}, {@code registry} search), the pflag-compatible flag reading of {@code spf13/pflag},
 * cobra's argument rules and usage pages ({@code cli/required.go}, {@code cli/cobra.go}), and
 * docker/cli's exit statuses. Left out: swarm, plugins, contexts, trust, build, login/push, stats,
 * export/import.
 */
package dev.ddlab.cli.command;
