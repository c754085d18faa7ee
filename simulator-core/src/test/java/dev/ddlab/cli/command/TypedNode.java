package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Engine;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node session for the docker commands' tests: lines typed on node1 that must succeed.
 * Registered as a field with {@code @RegisterExtension}, it closes itself after each test.
 */
final class TypedNode implements AutoCloseable, AfterEachCallback {
  final SimSession session;

  /** A session of template "single" where each of {@code setup} succeeded. */
  TypedNode(long seed, String... setup) {
    session = SimSession.open("single", seed);
    for (String line : setup) {
      ok(line);
    }
  }

  Engine engine() {
    return session.engine("node1");
  }

  /** A line typed on node1, whatever its exit code. */
  TranscriptEntry typed(String line) {
    return session.type("node1", line);
  }

  /** The output of a line typed on node1, which must exit 0. */
  String ok(String line) {
    TranscriptEntry e = session.type("node1", line);
    assertEquals(0, e.exitCode(), line + "\n" + e.output());
    return e.output();
  }

  /** The output of {@code line} ("docker …") from a docker CLI on node1 that has kept nothing. */
  String fresh(String line) {
    StringBuilder out = new StringBuilder();
    CommandIo io =
        new CommandIo() {
          @Override
          public void out(String text) {
            out.append(text);
          }

          @Override
          public void err(String text) {
            out.append(text);
          }
        };
    List<String> args = List.of(line.substring("docker ".length()).split(" "));
    assertEquals(0, new DockerCli(engine(), CliContext.none()).run(args, io).exitCode(), line);
    return out.toString();
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}
