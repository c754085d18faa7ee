package dev.ddlab.web.lesson;

import dev.ddlab.cli.DockerSyntax;
import dev.ddlab.cli.compose.loader.ShellWords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The Markdown lessons of {@code tutorial-content} (classpath {@code /lessons/*.md}), rendered with
 * commonmark. Shell code blocks are marked {@code class="runnable"} so the page puts a "chạy"
 * button on them that types each command into the active terminal.
 */
public final class LessonLibrary {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final List<String> SHELL_LANGS = List.of("", "sh", "bash", "shell", "console");

  private final List<Extension> extensions = List.of(TablesExtension.create());
  private final Parser parser = Parser.builder().extensions(extensions).build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder()
          .extensions(extensions)
          .escapeHtml(true)
          .sanitizeUrls(true)
          .attributeProviderFactory(
              context ->
                  (node, tagName, attributes) -> {
                    if (node instanceof FencedCodeBlock code
                        && "pre".equals(tagName)
                        && SHELL_LANGS.contains(language(code))
                        && runs(code.getLiteral())) {
                      attributes.put("class", "runnable");
                    }
                  })
          .build();
  private final Map<String, String> sources;

  /** Lessons found on the classpath under {@code /lessons/}. */
  public static LessonLibrary fromClasspath() {
    return new LessonLibrary(scan(LessonLibrary.class.getClassLoader()));
  }

  /** Lessons given by name (file name without ".md") → Markdown text. */
  public LessonLibrary(Map<String, String> sources) {
    this.sources = new TreeMap<>(sources);
  }

  /** Name and title (the first heading) of each lesson, in name order. */
  public List<Map<String, String>> index() {
    List<Map<String, String>> out = new ArrayList<>();
    sources.forEach((name, text) -> out.add(Map.of("name", name, "title", title(name, text))));
    return out;
  }

  public Optional<String> render(String name) {
    String text = sources.get(name);
    return text == null ? Optional.empty() : Optional.of(renderer.render(parser.parse(text)));
  }

  private String title(String name, String text) {
    Node doc = parser.parse(text);
    for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h) {
        StringBuilder sb = new StringBuilder();
        for (Node c = h.getFirstChild(); c != null; c = c.getNext()) {
          if (c instanceof Text t) {
            sb.append(t.getLiteral());
          }
        }
        if (!sb.isEmpty()) {
          return sb.toString();
        }
      }
    }
    return name;
  }

  /** A command substitution {@code $(…)} with no parenthesis inside. */
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([^()]*)\\)");

  /**
   * Whether every {@code docker} command of a shell block is one ddlab runs (the CLI's own grammar
   * accepts it): a block with {@code docker push} or a mistyped flag gets no "chạy" button, so a
   * learner is never sent to a command that only answers it is not simulated. Other programs (the
   * node's shell, {@code cat}, {@code systemctl}) are left to the shell.
   */
  static boolean runs(String block) {
    for (String raw : block.split("\n")) {
      String line = raw.strip().replaceFirst("^\\$\\s+", "");
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      // a command substitution is a command of its own; its result is one word
      Matcher sub = SUBSTITUTION.matcher(line);
      while (sub.find()) {
        if (!runs(sub.group(1))) {
          return false;
        }
        line = line.substring(0, sub.start()) + "X" + line.substring(sub.end());
        sub = SUBSTITUTION.matcher(line);
      }
      for (String command : line.split("\\s*(?:&&|\\|\\||;|\\|)\\s*")) {
        List<String> words;
        try {
          words = ShellWords.split(command);
        } catch (RuntimeException e) {
          return false; // an unclosed quote
        }
        if (!words.isEmpty() && words.get(0).equals("sudo")) {
          words = words.subList(1, words.size());
        }
        if (!words.isEmpty()
            && words.get(0).equals("docker")
            && DockerSyntax.parse(words.subList(1, words.size())).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  private static String language(FencedCodeBlock code) {
    String info = code.getInfo() == null ? "" : code.getInfo().trim();
    int space = info.indexOf(' ');
    return space < 0 ? info : info.substring(0, space);
  }

  private static Map<String, String> scan(ClassLoader loader) {
    Map<String, String> out = new TreeMap<>();
    try {
      Enumeration<URL> roots = loader.getResources("lessons");
      while (roots.hasMoreElements()) {
        URI uri = roots.nextElement().toURI();
        if ("jar".equals(uri.getScheme())) {
          FileSystem fs;
          try {
            fs = FileSystems.newFileSystem(uri, Map.of());
          } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
          }
          read(fs.provider().getPath(uri), out);
        } else {
          read(Path.of(uri), out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void read(Path dir, Map<String, String> out) throws IOException {
    try (Stream<Path> files = Files.walk(dir, 1)) {
      for (Path p : files.toList()) {
        String file = p.getFileName().toString();
        if (file.endsWith(".md") && NAME.matcher(file).matches()) {
          out.putIfAbsent(
              file.substring(0, file.length() - 3), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
  }
}
