package dev.ddlab.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  private static final String WEB_APP =
      """
      FROM alpine
      LABEL maintainer="nigelpoulton@hotmail.com"
      RUN apk add --update nodejs npm
      COPY . /src
      WORKDIR /src
      RUN npm install
      EXPOSE 8080
      ENTRYPOINT ["node", "./app.js"]
      """;

  private static DockerfileException error(String text) {
    return assertThrows(DockerfileException.class, () -> Dockerfile.parse(text));
  }

  @Test
  void the_course_web_app_is_one_stage_of_typed_instructions() {
    Dockerfile d = Dockerfile.parse(WEB_APP);
    assertEquals(1, d.stages().size());
    Stage s = d.stages().get(0);
    assertEquals("alpine", s.baseName());
    assertEquals("", s.name());
    assertEquals(7, s.commands().size());
    Instruction.Label label = assertInstanceOf(Instruction.Label.class, s.commands().get(0));
    assertEquals("\"nigelpoulton@hotmail.com\"", label.pairs().get(0).value());
    Instruction.Run run = assertInstanceOf(Instruction.Run.class, s.commands().get(1));
    assertEquals(List.of("apk add --update nodejs npm"), run.command());
    assertFalse(run.json());
    Instruction.Copy copy = assertInstanceOf(Instruction.Copy.class, s.commands().get(2));
    assertEquals(List.of("."), copy.sources());
    assertEquals("/src", copy.dest());
    Instruction.Entrypoint ep = assertInstanceOf(Instruction.Entrypoint.class, s.commands().get(6));
    assertEquals(List.of("node", "./app.js"), ep.command());
    assertTrue(ep.json());
    assertEquals(8, ep.node().startLine());
  }

  @Test
  void stages_have_names_and_copy_from_names_another_stage() {
    Dockerfile d =
        Dockerfile.parse(
            """
            FROM golang:1.20-alpine AS base
            WORKDIR /src
            FROM base AS Build-Client
            RUN go build -o /bin/client ./cmd/client
            FROM --platform=linux/arm64 scratch AS prod
            COPY --from=build-client --chown=1000:1000 --chmod=755 /bin/client /bin/
            """);
    assertEquals(3, d.stages().size());
    assertEquals("build-client", d.stages().get(1).name());
    assertEquals("linux/arm64", d.stages().get(2).platform());
    Instruction.Copy c = (Instruction.Copy) d.stages().get(2).commands().get(0);
    assertEquals("build-client", c.from());
    assertEquals("1000:1000", c.chown());
    assertEquals("755", c.chmod());
    assertEquals(1, d.stage("BUILD-CLIENT").orElseThrow().index());
    assertEquals(2, d.stage("2").orElseThrow().index());
    assertTrue(d.stage("nosuch").isEmpty());
  }

  @Test
  void an_unknown_instruction_names_its_line_and_the_nearest_instruction() {
    DockerfileException e = error("FROM alpine\n\nRUNN echo hi\n");
    assertEquals(
        "dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)",
        e.getMessage());
    assertEquals(3, e.startLine());
    assertEquals(
        "dockerfile parse error on line 2: unknown instruction: FOOBAR",
        error("FROM alpine\nFOOBAR x\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: unknown instruction: cpy (did you mean copy?)",
        error("FROM alpine\ncpy a b\n").getMessage());
  }

  @Test
  void continuations_join_lines_skip_comments_and_keep_the_lines_they_span() {
    Dockerfile d =
        Dockerfile.parse(
            """
            # a comment
            FROM alpine
            RUN apk add \\
            # a comment inside
                curl \\

                git
            CMD ["sh"]
            """);
    Instruction.Run run = (Instruction.Run) d.stages().get(0).commands().get(0);
    assertEquals(List.of("apk add     curl     git"), run.command());
    assertEquals(3, run.node().startLine());
    assertEquals(7, run.node().endLine());
    assertEquals(8, d.stages().get(0).commands().get(1).node().startLine());
    assertEquals(2, d.warnings().size());
    assertTrue(d.warnings().get(0).startsWith("[WARNING]: Empty continuation line found in:"));
  }

  @Test
  void parser_directives_set_the_escape_character_and_the_syntax_only_at_the_top() {
    Dockerfile d =
        Dockerfile.parse(
            "# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\nRUN echo a `\n  b\n");
    assertEquals('`', d.escape());
    assertEquals("docker/dockerfile:1", d.syntax());
    assertEquals(
        List.of("echo a   b"), ((Instruction.Run) d.stages().get(0).commands().get(0)).command());
    // After a comment or an instruction, a directive is only a comment.
    Dockerfile late = Dockerfile.parse("# hello\n# escape=`\nFROM alpine\n");
    assertEquals('\\', late.escape());
    assertEquals(
        "only one escape parser directive can be used",
        error("# escape=`\n# escape=`\nFROM alpine\n").getMessage());
    assertEquals(
        "invalid escape token 'x' does not match ` or \\",
        error("# escape=x\nFROM alpine\n").getMessage());
  }

  @Test
  void run_cmd_and_entrypoint_take_the_shell_or_the_exec_form() {
    Dockerfile d =
        Dockerfile.parse(
            "FROM alpine\nRUN [\"echo\", \"hi\"]\nCMD echo \"$HOME\"\nENTRYPOINT []\nRUN [not json\n");
    List<Instruction> c = d.stages().get(0).commands();
    assertTrue(((Instruction.Run) c.get(0)).json());
    assertEquals(List.of("echo", "hi"), ((Instruction.Run) c.get(0)).command());
    assertEquals(List.of("echo \"$HOME\""), ((Instruction.Cmd) c.get(1)).command());
    assertNull(((Instruction.Entrypoint) c.get(2)).command());
    assertEquals(List.of("[not json"), ((Instruction.Run) c.get(3)).command());
    assertEquals(
        "when using JSON array syntax, arrays must be comprised of strings only",
        error("FROM alpine\nCMD [\"a\", 1]\n").getMessage());
  }

  @Test
  void env_and_label_take_the_old_and_the_new_form() {
    Dockerfile d =
        Dockerfile.parse(
            "FROM alpine\nENV PATH /usr/bin:/bin\nENV A=1 B=\"two words\"\nLABEL a=b c=d\n");
    List<Instruction> c = d.stages().get(0).commands();
    assertEquals(
        List.of(new Instruction.KeyValue("PATH", "/usr/bin:/bin")),
        ((Instruction.Env) c.get(0)).pairs());
    assertEquals(
        List.of(new Instruction.KeyValue("A", "1"), new Instruction.KeyValue("B", "\"two words\"")),
        ((Instruction.Env) c.get(1)).pairs());
    assertEquals(2, ((Instruction.Label) c.get(2)).pairs().size());
    assertEquals("ENV must have two arguments", error("FROM alpine\nENV ONLY\n").getMessage());
    // Errors of the first pass have no "parse error" prefix but still point at their lines.
    assertEquals(2, error("FROM alpine\nENV ONLY\n").startLine());
    assertEquals(
        "Syntax error - can't find = in \"b\". Must be of the form: name=value",
        error("FROM alpine\nLABEL a=1 b\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: ENV requires at least one argument",
        error("FROM alpine\nENV\n").getMessage());
  }

  @Test
  void args_before_the_first_from_are_meta_args_and_others_belong_to_their_stage() {
    Dockerfile d =
        Dockerfile.parse("ARG BASE=alpine\nARG TAG\nFROM ${BASE}:${TAG:-latest}\nARG BASE\n");
    assertEquals(2, d.metaArgs().size());
    assertEquals(new Instruction.ArgPair("BASE", "alpine"), d.metaArgs().get(0).args().get(0));
    assertNull(d.metaArgs().get(1).args().get(0).value());
    assertEquals("${BASE}:${TAG:-latest}", d.stages().get(0).baseName());
    assertInstanceOf(Instruction.Arg.class, d.stages().get(0).commands().get(0));
    assertEquals(
        "dockerfile parse error on line 1: ARG names can not be blank",
        error("ARG =x\nFROM alpine\n").getMessage());
  }

  @Test
  void copy_and_add_check_their_flags_and_arguments() {
    assertEquals(
        "dockerfile parse error on line 2: Unknown flag: form",
        error("FROM alpine\nCOPY --form=x a b\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: COPY requires at least two arguments, but only one was"
            + " provided. Destination could not be determined",
        error("FROM alpine\nCOPY a\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: Missing a value on flag: from",
        error("FROM alpine\nCOPY --from a b\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: Duplicate flag specified: chown",
        error("FROM alpine\nCOPY --chown=a --chown=b a b\n").getMessage());
    Instruction.Add add =
        (Instruction.Add)
            Dockerfile.parse("FROM alpine\nADD --chmod=644 --link a.tar b c /dst/\n")
                .stages()
                .get(0)
                .commands()
                .get(0);
    assertEquals(List.of("a.tar", "b", "c"), add.sources());
    assertEquals("/dst/", add.dest());
    assertTrue(add.link());
    assertEquals("644", add.chmod());
  }

  @Test
  void from_checks_its_stage_name_and_argument_count() {
    assertEquals(
        "dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't"
            + " start with a number or contain symbols",
        error("FROM alpine AS 1st\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 1: FROM requires either one or three arguments",
        error("FROM alpine AS\n").getMessage());
  }

  @Test
  void healthcheck_reads_its_type_command_and_durations() {
    Instruction.Healthcheck h =
        (Instruction.Healthcheck)
            Dockerfile.parse(
                    "FROM alpine\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f"
                        + " http://localhost/\n")
                .stages()
                .get(0)
                .commands()
                .get(0);
    assertEquals(List.of("CMD-SHELL", "curl -f http://localhost/"), h.test());
    assertEquals(30_000_000_000L, h.interval());
    assertEquals(3, h.retries());
    Instruction.Healthcheck none =
        (Instruction.Healthcheck)
            Dockerfile.parse("FROM alpine\nHEALTHCHECK NONE\n").stages().get(0).commands().get(0);
    assertEquals(List.of("NONE"), none.test());
    assertEquals(
        "dockerfile parse error on line 2: Unknown type \"RUN\" in HEALTHCHECK (try CMD)",
        error("FROM alpine\nHEALTHCHECK RUN x\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments",
        error("FROM alpine\nHEALTHCHECK NONE x\n").getMessage());
  }

  @Test
  void the_remaining_instructions_parse_and_check_their_arguments() {
    List<Instruction> c =
        Dockerfile.parse(
                """
                FROM alpine
                EXPOSE 8080 443/tcp 53/udp
                USER nobody
                VOLUME ["/data", "/logs"]
                VOLUME /a /b
                SHELL ["/bin/bash", "-c"]
                STOPSIGNAL SIGINT
                ONBUILD RUN echo built
                MAINTAINER someone
                """)
            .stages()
            .get(0)
            .commands();
    assertEquals(List.of("443/tcp", "53/udp", "8080"), ((Instruction.Expose) c.get(0)).ports());
    assertEquals("nobody", ((Instruction.User) c.get(1)).user());
    assertEquals(List.of("/data", "/logs"), ((Instruction.Volume) c.get(2)).volumes());
    assertEquals(List.of("/a", "/b"), ((Instruction.Volume) c.get(3)).volumes());
    assertEquals(List.of("/bin/bash", "-c"), ((Instruction.Shell) c.get(4)).shell());
    assertEquals("SIGINT", ((Instruction.StopSignal) c.get(5)).signal());
    assertEquals("RUN echo built", ((Instruction.Onbuild) c.get(6)).expression());
    assertEquals("someone", ((Instruction.Maintainer) c.get(7)).maintainer());
    assertEquals(
        "dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form",
        error("FROM alpine\nSHELL /bin/bash -c\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        error("FROM alpine\nONBUILD ONBUILD RUN x\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger",
        error("FROM alpine\nONBUILD FROM x\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: WORKDIR requires exactly one argument",
        error("FROM alpine\nWORKDIR\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 2: EXPOSE requires at least one argument",
        error("FROM alpine\nEXPOSE\n").getMessage());
  }

  @Test
  void an_instruction_before_from_and_an_empty_file_fail_as_buildkit_says() {
    DockerfileException e = error("RUN echo hi\nFROM alpine\n");
    assertEquals("no build stage in current context", e.getMessage());
    assertEquals(1, e.startLine());
    assertEquals("file with no instructions", error("# only a comment\n\n").getMessage());
  }

  @Test
  void crlf_line_ends_and_a_byte_order_mark_are_read_as_docker_reads_them() {
    Dockerfile d = Dockerfile.parse("\uFEFFFROM alpine\r\nRUN echo hi\r\n");
    assertEquals(
        List.of("echo hi"), ((Instruction.Run) d.stages().get(0).commands().get(0)).command());
  }
}
