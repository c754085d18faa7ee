package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.host.Cluster;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dockerfile here-documents as Docker 24's BuildKit (Dockerfile frontend 1.4+, no {@code # syntax}
 * line needed) builds them: frontend/dockerfile/dockerfile2llb's dispatchRun and dispatchCopy,
 * instructions' parseSourcesAndDest, the parser's heredoc collection (BuildKit v0.11.6). The
 * classic side is Docker 20.10's (the private dockerd): no here-documents.
 */
class HeredocBuildTest {
  /** Writes the Dockerfile with a quoted host heredoc, builds it as {@code t}, then runs lines. */
  private static List<TranscriptEntry> build(String dockerfile, String after) {
    String script =
        "docker pull -q alpine\nmkdir ctx && cd ctx\ncat > Dockerfile <<'DF'\n"
            + dockerfile
            + "DF\ndocker build --progress plain -t t .\n"
            + after;
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(script);
      int df = 0;
      while (!t.get(df).command().equals("DF")) {
        df++;
      }
      return t.subList(df + 1, t.size());
    }
  }

  @Test
  void run_heredoc_runs_its_body_as_a_shell_script_that_goes_on_after_a_failing_line() {
    List<TranscriptEntry> t =
        build(
            """
            FROM alpine
            ENV WHO=world
            RUN <<EOF
            echo hello > /greeting
            echo "$WHO" >> /greeting
            false
            echo second >> /greeting
            EOF
            """,
            "docker run --rm t cat /greeting\n");
    assertEquals(0, t.get(0).exitCode(), t.get(0).output());
    assertTrue(
        t.get(0).output().contains("#5 [2/2] RUN <<EOF (echo hello > /greeting...)\n"),
        t.get(0).output());
    assertEquals("hello\nworld\nsecond\n", t.get(1).output());
  }

  @Test
  void a_heredoc_with_set_e_stops_at_the_failing_line_and_fails_the_build() {
    List<TranscriptEntry> t =
        build(
            """
            FROM alpine
            RUN <<EOF
            set -e
            false
            echo not reached
            EOF
            """,
            "");
    assertEquals(1, t.get(0).exitCode(), t.get(0).output());
    assertTrue(
        t.get(0)
            .output()
            .contains(
                "ERROR: failed to solve: process \"/bin/sh -c set -e\\nfalse\\necho not"
                    + " reached\\n\" did not complete successfully: exit code: 1"),
        t.get(0).output());
  }

  @Test
  void a_heredoc_given_to_a_command_is_its_stdin_and_several_heredocs_feed_one_line() {
    List<TranscriptEntry> t =
        build(
            """
            FROM alpine
            RUN <<EOF sh
            echo from sh > /a
            EOF
            RUN <<A cat > /b && cat <<B >> /b
            first
            A
            second
            B
            RUN cat <<EOF > /c
            	tab kept
            EOF
            RUN cat <<-EOF > /d
            	tab stripped
            	EOF
            """,
            "docker run --rm t cat /a /b /c /d\n");
    assertEquals(0, t.get(0).exitCode(), t.get(0).output());
    assertEquals("from sh\nfirst\nsecond\n\ttab kept\ntab stripped\n", t.get(1).output());
  }

  @Test
  void a_hash_bang_body_runs_as_a_file_and_package_lines_of_a_body_are_the_catalogues() {
    List<TranscriptEntry> t =
        build(
            """
            FROM alpine
            RUN <<EOF
            #!/bin/sh
            echo "run as $0" > /how
            EOF
            RUN <<EOF
            apk add curl
            false
            echo after > /after
            EOF
            """,
            "docker run --rm t cat /how /after\ndocker run --rm t which curl\n");
    assertEquals(0, t.get(0).exitCode(), t.get(0).output());
    assertTrue(
        t.get(0)
            .output()
            .contains(
                "#5 [internal] preparing inline document\n#5 DONE 0.0s\n\n#6 [2/3] RUN <<EOF (#!/bin/sh...)\n"),
        t.get(0).output());
    assertTrue(
        t.get(0).output().contains("fetch https://dl-cdn.alpinelinux.org"), t.get(0).output());
    assertEquals("run as /dev/pipes/EOF\nafter\n", t.get(1).output());
    assertEquals("/usr/bin/curl\n", t.get(2).output());
  }

  @Test
  void copy_heredocs_make_0644_files_expanded_unless_the_delimiter_is_quoted() {
    List<TranscriptEntry> t =
        build(
            """
            FROM alpine
            ARG PORT=8080
            ENV NAME=web
            COPY <<EOF /etc/app.conf
            name=$NAME port=${PORT} "quoted"
            EOF
            COPY <<"EOF" /etc/raw.conf
            name=$NAME
            EOF
            COPY --chmod=755 <<a.sh <<b.txt /opt/
            echo a
            a.sh
            b
            b.txt
            """,
            """
            docker run --rm t cat /etc/app.conf /etc/raw.conf /opt/a.sh /opt/b.txt
            docker run --rm t ls -l /etc/app.conf /opt
            docker history --no-trunc --format '{{.CreatedBy}}' t
            """);
    assertEquals(0, t.get(0).exitCode(), t.get(0).output());
    assertTrue(
        t.get(0).output().contains("[internal] preparing inline document"), t.get(0).output());
    assertTrue(!t.get(0).output().contains("load build context"), t.get(0).output());
    assertEquals("name=web port=8080 \"quoted\"\nname=$NAME\necho a\nb\n", t.get(1).output());
    String ls = t.get(2).output();
    assertTrue(ls.startsWith("-rw-r--r--    1 root     root"), ls);
    assertTrue(ls.contains("-rwxr-xr-x    1 root     root             7"), ls);
    String history = t.get(3).output();
    assertTrue(history.contains("COPY <<a.sh <<b.txt /opt/ # buildkit\n"), history);
    assertTrue(history.contains("COPY <<EOF /etc/app.conf # buildkit\n"), history);
  }

  @Test
  void a_changed_heredoc_body_runs_its_step_again() {
    String df = "FROM alpine\nRUN <<EOF\necho one > /f\nEOF\n";
    String script =
        "docker pull -q alpine\nmkdir ctx && cd ctx\n"
            + "printf '"
            + df.replace("\n", "\\n")
            + "' > Dockerfile\n"
            + "docker build -q -t t .\n"
            + "docker build --progress plain -t t .\n"
            + "sed -i s/one/two/ Dockerfile\n"
            + "docker build --progress plain -t t .\n"
            + "docker run --rm t cat /f\n";
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(script);
      assertTrue(
          t.get(4).output().contains("#5 [2/2] RUN <<EOF (echo one > /f)\n#5 CACHED\n"),
          t.get(4).output());
      assertTrue(
          t.get(6).output().contains("#5 [2/2] RUN <<EOF (echo two > /f)\n#5 DONE"),
          t.get(6).output());
      assertEquals("two\n", t.get(7).output());
    }
  }

  @Test
  void an_unterminated_heredoc_is_a_parse_error_on_its_lines() {
    List<TranscriptEntry> t = build("FROM alpine\nRUN <<EOF\necho hi\n", "");
    assertEquals(1, t.get(0).exitCode());
    assertTrue(
        t.get(0).output().endsWith("ERROR: failed to solve: unterminated heredoc\n"),
        t.get(0).output());
    assertTrue(
        t.get(0)
            .output()
            .contains(
                "Dockerfile:2\n--------------------\n   1 |     FROM alpine\n"
                    + "   2 | >>> RUN <<EOF\n   3 | >>> echo hi\n"),
        t.get(0).output());
  }

  @Test
  void the_classic_builder_of_docker_20_10_reads_the_body_as_instructions() {
    // checked with DOCKER_BUILDKIT=0 on the private dockerd (20.10.24): the same words
    Cluster cluster = Cluster.single(7);
    List<BuildMessage> out = new ArrayList<>();
    cluster
        .node("node1")
        .engine()
        .builds()
        .build(
            BuildRequest.builder().tags(List.of("t")).version("1").build(),
            new ByteArrayInputStream(
                BuilderTest.context(
                    Map.of("Dockerfile", "FROM alpine\nRUN <<EOF\necho hello\nEOF\n"))),
            out::add);
    assertEquals(
        "dockerfile parse error line 3: unknown instruction: ECHO",
        out.get(out.size() - 1).error());
  }
}
