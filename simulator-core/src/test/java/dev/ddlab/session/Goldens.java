package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The one golden-transcript harness. A golden walk-through is a script in {@link ScriptRunner}'s
 * grammar, {@code golden/AREA/NAME.ddsh}, typed into a fresh {@link SimSession}; what the terminal
 * shows must equal {@code golden/AREA/NAME.out}. AREA is the subsystem the walk-through exercises
 * (course, images, containers, shell; later build, compose, network, swarm): a new walk-through is
 * two files in its area's directory and no Java.
 *
 * <p>The script's leading comment lines may choose the session: {@code # template: swarm-3m3w}
 * (default {@code single}) and {@code # seed: 42} (default 1), as {@code ddlab shell --template T
 * --seed N --script FILE} would.
 *
 * <p>The golden file is {@link ScriptRunner#render}'s terminal text with two additions that
 * terminal text cannot show: a line {@code [exit N]} after an entry whose exit code is not 0 (an
 * attaching command's final code, so it stands before the lines typed into the container), and a
 * line {@code @NODE} where the transcript moves to another node's terminal.
 *
 * <p>A script without its golden, a golden without its script, an area without scripts or an
 * unknown file in an area fails. {@code -Dddlab.golden.update=true} writes every golden from its
 * script instead (and creates missing ones): on purpose only, then read the diff.
 */
public final class Goldens {
  /** The regeneration switch. */
  public static final String UPDATE_PROPERTY = "ddlab.golden.update";

  static final String SCRIPT = ".ddsh";
  static final String GOLDEN = ".out";

  private static final String REGENERATE =
      "regenerate on purpose with -D" + UPDATE_PROPERTY + "=true and read the diff";

  private Goldens() {}

  /** {@code simulator-core/src/test/resources/golden} in the source tree, where updates write. */
  public static Path root() {
    Path fromRoot =
        Path.of(System.getProperty("ddlab.root", "."), "simulator-core/src/test/resources/golden");
    return Files.isDirectory(fromRoot) ? fromRoot : Path.of("src/test/resources/golden");
  }

  /** Whether this run regenerates the goldens ({@code -Dddlab.golden.update=true}). */
  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** One container per area directory under {@code root}, one test per walk-through in it. */
  public static Stream<DynamicNode> all(Path root, boolean update) {
    if (!Files.isDirectory(root)) {
      return Stream.of(failing("golden", "no golden directory at " + root.toAbsolutePath()));
    }
    List<Path> entries = list(root);
    List<DynamicNode> nodes =
        entries.stream()
            .<DynamicNode>map(
                p ->
                    Files.isDirectory(p)
                        ? DynamicContainer.dynamicContainer(
                            p.getFileName().toString(), p.toUri(), area(p, update))
                        : failing(
                            p.getFileName().toString(),
                            p + " is not in an area directory (golden/AREA/NAME" + SCRIPT + ")"))
            .toList();
    return nodes.isEmpty()
        ? Stream.of(failing("golden", "no area directories in " + root))
        : nodes.stream();
  }

  /**
   * One test per walk-through in an area directory: each NAME that has a script or a golden, so a
   * golden whose script is gone fails as well as a script without its golden.
   */
  public static Stream<DynamicTest> area(Path dir, boolean update) {
    Set<String> names = new TreeSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : list(dir)) {
      String f = p.getFileName().toString();
      String name = nameOf(f);
      if (name != null) {
        names.add(name);
      } else {
        tests.add(
            failing(
                f,
                p + ": a golden area holds only NAME" + SCRIPT + " and NAME" + GOLDEN + " files"));
      }
    }
    if (names.isEmpty() && tests.isEmpty()) {
      return Stream.of(failing(dir.getFileName().toString(), "no golden scripts in " + dir));
    }
    String area = dir.getFileName().toString();
    for (String n : names) {
      tests.add(
          DynamicTest.dynamicTest(
              area + "/" + n, dir.resolve(n + SCRIPT).toUri(), () -> check(dir, n, update)));
    }
    return tests.stream();
  }

  /** NAME for NAME.ddsh or NAME.out, else null. */
  private static String nameOf(String file) {
    for (String ext : List.of(SCRIPT, GOLDEN)) {
      if (file.endsWith(ext) && file.length() > ext.length()) {
        return file.substring(0, file.length() - ext.length());
      }
    }
    return null;
  }

  /**
   * Types {@code dir/NAME.ddsh} into a fresh session and compares the transcript with {@code
   * dir/NAME.out}; with {@code update}, writes it there instead.
   */
  public static void check(Path dir, String name, boolean update) {
    Path script = dir.resolve(name + SCRIPT);
    Path golden = dir.resolve(name + GOLDEN);
    if (!Files.isRegularFile(script)) {
      fail("missing script " + script + " for the golden " + golden);
    }
    String actual = transcript(read(script));
    if (update) {
      if (!Files.isRegularFile(golden) || !read(golden).equals(actual)) {
        write(golden, actual);
      }
      return;
    }
    if (!Files.isRegularFile(golden)) {
      fail("missing golden " + golden + " for the script " + script + ": " + REGENERATE);
    }
    String expected = read(golden);
    assertEquals(
        expected,
        actual,
        () -> golden + " differs " + firstDifference(expected, actual) + "; " + REGENERATE);
  }

  /** What a script shows: its header's session, every line typed by {@link ScriptRunner}. */
  public static String transcript(String script) {
    Header h = Header.of(script);
    try (SimSession s = SimSession.open(h.template(), h.seed())) {
      return render(new ScriptRunner(s).run(script), s.nodes().get(0));
    }
  }

  /**
   * The golden text: {@link ScriptRunner#render} per entry, {@code [exit N]} after a non-zero exit
   * code, {@code @NODE} where the transcript moves to another node (starting at {@code firstNode}).
   */
  public static String render(List<TranscriptEntry> entries, String firstNode) {
    StringBuilder sb = new StringBuilder();
    String node = firstNode;
    for (TranscriptEntry e : entries) {
      if (!e.node().equals(node)) {
        node = e.node();
        sb.append('@').append(node).append('\n');
      }
      sb.append(ScriptRunner.render(List.of(e)));
      if (e.exitCode() != 0) {
        sb.append("[exit ").append(e.exitCode()).append("]\n");
      }
    }
    return sb.toString();
  }

  /**
   * The session a script asks for in its leading comment lines ({@code # template: NAME}, {@code #
   * seed: N}); later comments are only comments.
   */
  public record Header(String template, long seed) {
    static final Header DEFAULT = new Header("single", 1);

    private static final Pattern SETTING =
        Pattern.compile("#\\s*(template|seed)\\s*:\\s*(\\S+)\\s*");

    public static Header of(String script) {
      String template = DEFAULT.template();
      long seed = DEFAULT.seed();
      for (String line : script.split("\n", -1)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          break;
        }
        Matcher m = SETTING.matcher(t);
        if (!m.matches()) {
          continue;
        }
        if (m.group(1).equals("template")) {
          if (Template.named(m.group(2)).isEmpty()) {
            fail("unknown template '" + m.group(2) + "' (one of " + Template.names() + ")");
          }
          template = m.group(2);
        } else {
          try {
            seed = Long.parseLong(m.group(2));
          } catch (NumberFormatException e) {
            fail("seed is a number, not '" + m.group(2) + "'");
          }
        }
      }
      return new Header(template, seed);
    }
  }

  /** "at line N: expected «…» but was «…»" for the first line that differs. */
  static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end>";
      String al = i < a.length ? a[i] : "<end>";
      if (!el.equals(al)) {
        return "at line " + (i + 1) + ": expected «" + el + "» but was «" + al + "»";
      }
    }
    return "";
  }

  private static DynamicTest failing(String name, String message) {
    return DynamicTest.dynamicTest(name, () -> fail(message));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
