package dev.ddlab.fuzz;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The docker CLI and the shell language, as a learner reaches them: lines typed at a fresh
 * simulated node's terminal (host shell, {@code docker …}, and the container shells behind {@code
 * run -it} and {@code exec -it}). The corpus is every line of the golden walk-throughs
 * (golden/AREA/NAME.ddsh, the course's sections among them) in this module's test resources; {@code
 * ^C}, {@code ^P^Q} and {@code ^D} are the keys.
 */
final class ShellCliTarget implements FuzzTarget {
  private static final String NODE = "node1";
  private final List<String> corpus;
  private final List<String> dictionary;

  ShellCliTarget() {
    corpus = courseLines();
    TreeSet<String> words = new TreeSet<>();
    for (String line : corpus) {
      String[] w = line.split("\\s+");
      for (int i = 0; i < w.length; i++) {
        if (w[i].startsWith("-") || i < 2) {
          words.add(w[i]);
        }
      }
    }
    dictionary = List.copyOf(words);
  }

  static List<String> courseLines() {
    List<String> lines = new ArrayList<>();
    Path root;
    try {
      root = Path.of(ShellCliTarget.class.getClassLoader().getResource("golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ddsh")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("@")) {
            lines.add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines.size() < 100) {
      throw new IllegalStateException("the course corpus is missing: " + lines.size() + " lines");
    }
    return List.copyOf(lines);
  }

  @Override
  public String name() {
    return "shell+docker-cli";
  }

  @Override
  public List<String> corpus() {
    return corpus;
  }

  @Override
  public List<String> dictionary() {
    return dictionary;
  }

  @Override
  public Subject open(long seed) {
    SimSession session = SimSession.open("single", seed);
    SplittableRandom keys = new SplittableRandom(seed ^ 0x5DEECE66DL);
    return new Subject() {
      @Override
      public Fed feed(String input) {
        long t0 = session.clock().nowNanos();
        TranscriptEntry e =
            switch (input) {
              case "^C" -> session.interrupt(NODE);
              case "^P^Q" -> session.type(NODE, ScriptRunner.DETACH);
              case "^D" -> session.type(NODE, ScriptRunner.EOF);
              default -> session.type(NODE, input);
            };
        Fed fed = new Fed(e.output(), e.exitCode(), session.clock().nowNanos() - t0);
        // a learner does not stay inside a container for ever, presses Ctrl-C when a command
        // keeps the terminal (ping, logs -f, events), and ends a continuation gone astray
        if (session.isAttached(NODE)) {
          if (keys.nextInt(4) == 0) {
            session.type(NODE, keys.nextBoolean() ? ScriptRunner.DETACH : ScriptRunner.EOF);
          }
        } else if (session.prompt(NODE).isEmpty()
            || (session.prompt(NODE).equals("> ") && keys.nextInt(3) == 0)) {
          session.interrupt(NODE);
        }
        return fed;
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }
}
