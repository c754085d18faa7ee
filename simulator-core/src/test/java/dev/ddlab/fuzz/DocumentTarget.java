package dev.ddlab.fuzz;

import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.cli.compose.loader.ComposeLoader;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.dockerfile.Dockerfile;
import dev.ddlab.dockerfile.DockerfileException;
import dev.ddlab.fs.MemoryFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A whole file fed to a parser: a Compose file to the Compose loader ({@code docker compose
 * config}'s reading, interpolation and validation) or a Dockerfile to the Dockerfile parser and its
 * instructions. The corpus is every such file the golden walk-throughs write with a here-document
 * ({@code cat > compose.yaml <<'YAML'}) and the course's repositories hold; mutations work on the
 * words of the whole file, newlines included. A parser's own error is an answer (status 1, its
 * message); any other exception is a finding.
 */
final class DocumentTarget implements FuzzTarget {
  private static final Pattern HEREDOC = Pattern.compile("^cat > (\\S+) <<'?(\\w+)'?\\s*$");

  private final String name;
  private final List<String> corpus;
  private final List<String> dictionary;
  private final Function<String, Fed> parse;

  private DocumentTarget(
      String name, List<String> corpus, List<String> dictionary, Function<String, Fed> parse) {
    if (corpus.size() < 3) {
      throw new IllegalStateException("the " + name + " corpus is missing: " + corpus.size());
    }
    this.name = name;
    this.corpus = corpus;
    this.dictionary = dictionary;
    this.parse = parse;
  }

  /**
   * Compose files through {@link ComposeLoader}, as {@code docker compose -f - config} reads them.
   */
  static DocumentTarget compose() {
    List<String> files = files(n -> n.endsWith(".yaml") || n.endsWith(".yml"), "compose.yaml");
    return new DocumentTarget(
        "compose file",
        files,
        words(files, "[a-z_]+:"),
        text -> {
          MemoryFs fs = new MemoryFs(() -> 0L);
          try {
            Project p =
                new ComposeLoader(fs, "/", Map.of(), w -> {})
                    .withStdin(() -> text)
                    .load(new ComposeLoader.Options(List.of("-"), "fuzz", "/", List.of()));
            return new Fed(p.services().size() + " services", 0, 0);
          } catch (ComposeException e) {
            return new Fed(e.getMessage(), 1, 0);
          }
        });
  }

  /** Dockerfiles through the parser and its instructions, as {@code docker build} reads them. */
  static DocumentTarget dockerfile() {
    List<String> files = files(n -> n.contains("Dockerfile"), "Dockerfile", "Dockerfile-final");
    return new DocumentTarget(
        "Dockerfile",
        files,
        words(files, "[A-Z]+|--[a-z-]+(=\\S*)?"),
        text -> {
          try {
            Dockerfile d = Dockerfile.parse(text);
            return new Fed(d.stages().size() + " stages", 0, 0);
          } catch (DockerfileException e) {
            return new Fed(e.getMessage(), 1, 0);
          }
        });
  }

  @Override
  public String name() {
    return name;
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
    return new Subject() {
      @Override
      public Fed feed(String input) {
        return parse.apply(input);
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The files the golden walk-throughs write with a here-document whose name {@code wanted}
   * accepts, and the course repositories' files of the given names.
   */
  private static List<String> files(
      java.util.function.Predicate<String> wanted, String... repoNames) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> scripts = Files.walk(resource("golden"))) {
      for (Path f : scripts.filter(p -> p.toString().endsWith(".ddsh")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = HEREDOC.matcher(lines.get(i));
          if (!m.matches() || !wanted.test(m.group(1))) {
            continue;
          }
          StringBuilder body = new StringBuilder();
          for (i++; i < lines.size() && !lines.get(i).equals(m.group(2)); i++) {
            body.append(lines.get(i)).append('\n');
          }
          out.add(body.toString());
        }
      }
      try (Stream<Path> repos = Files.walk(resource("dev/ddlab/sim/shell/repos"))) {
        for (Path f : repos.sorted().toList()) {
          if (List.of(repoNames).contains(f.getFileName().toString())) {
            out.add(Files.readString(f, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  private static Path resource(String name) {
    try {
      return Path.of(DocumentTarget.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The words of the corpus that match {@code pattern}: its keys, instructions and flags. */
  private static List<String> words(List<String> files, String pattern) {
    Pattern p = Pattern.compile(pattern);
    TreeSet<String> words = new TreeSet<>();
    for (String f : files) {
      for (String w : f.split("\\s+")) {
        if (p.matcher(w).matches()) {
          words.add(w);
        }
      }
    }
    return List.copyOf(words);
  }
}
