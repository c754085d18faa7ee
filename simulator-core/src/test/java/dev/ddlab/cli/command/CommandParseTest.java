package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.cli.DockerSyntax;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandParseTest {
  private static DockerSyntax.Parsed parse(String line) {
    return CommandParse.parse(List.of(line.split(" "))).orElseThrow();
  }

  @Test
  void short_clustered_and_long_equals_forms_parse_to_the_same_options() {
    DockerSyntax.Parsed a = parse("run -d --name x alpine sleep 1d");
    DockerSyntax.Parsed b = parse("container run --name=x -d alpine sleep 1d");
    assertEquals(a, b);
    assertEquals(List.of("container", "run"), a.path());
    assertEquals(List.of("x"), a.options().get("--name"));
    assertEquals(List.of("true"), a.options().get("-d"));
    assertEquals(List.of("alpine", "sleep", "1d"), a.positionals());
  }

  @Test
  void legacy_aliases_resolve_to_the_management_command() {
    assertEquals(List.of("container", "ls"), parse("ps -a").path());
    assertEquals(List.of("container", "ls"), parse("container list --all").path());
    assertEquals(List.of("true"), parse("ps --all").options().get("-a"));
    assertEquals(List.of("image", "ls"), parse("images").path());
    assertEquals(List.of("image", "rm"), parse("rmi alpine").path());
    assertEquals(List.of("version"), parse("version").path());
  }

  @Test
  void flags_after_the_image_belong_to_the_containers_command() {
    DockerSyntax.Parsed p = parse("run -it ubuntu:latest ls -l");
    assertEquals(List.of("ubuntu:latest", "ls", "-l"), p.positionals());
    assertEquals(List.of("true"), p.options().get("--tty"));
  }

  @Test
  void flags_after_arguments_count_for_commands_that_allow_them() {
    DockerSyntax.Parsed p = parse("rm a b -f");
    assertEquals(List.of("a", "b"), p.positionals());
    assertEquals(List.of("true"), p.options().get("--force"));
  }

  @Test
  void what_docker_rejects_does_not_parse() {
    assertTrue(CommandParse.parse(List.of("run", "--nosuch", "alpine")).isEmpty());
    assertTrue(CommandParse.parse(List.of("frobnicate")).isEmpty());
    assertTrue(CommandParse.parse(List.of()).isEmpty());
  }

  @Test
  void compose_persistent_flags_before_the_subcommand_count_as_the_cli_reads_them() {
    DockerSyntax.Parsed p = parse("compose -f app.yml -p demo --profile debug up -d");
    assertEquals(List.of("compose", "up"), p.path());
    assertEquals(List.of("app.yml"), p.options().get("--file"));
    assertEquals(List.of("demo"), p.options().get("--project-name"));
    assertEquals(List.of("debug"), p.options().get("--profile"));
    assertEquals(List.of("true"), p.options().get("--detach"));
    assertEquals(parse("compose up -d --file app.yml --project-name demo --profile debug"), p);
    assertTrue(CommandParse.parse(List.of("compose", "-f", "app.yml")).isEmpty());
    // after the subcommand, compose's short -f is an option too, not an argument
    DockerSyntax.Parsed after = parse("compose up -d -f app.yml");
    assertEquals(List.of("app.yml"), after.options().get("-f"));
    assertEquals(List.of(), after.positionals());
  }
}
