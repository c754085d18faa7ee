package dev.ddlab.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Script mode: the one grammar that tests, labs, grading and the playground's replay share. Each
 * line is typed at the current prompt of the current node; a line whose first non-blank character
 * is {@code #} is a comment; {@code @NAME} switches to that node's terminal; {@code ^P^Q} is Ctrl-P
 * Ctrl-Q (detach), {@code ^C} Ctrl-C and {@code ^D} Ctrl-D. After an attaching command the lines go
 * to the container until it exits or detaches, because that is where the session routes them. Blank
 * lines are skipped. At a {@code "> "} continuation prompt (a here-document or an open quote is
 * being read) comment, blank and {@code @NAME} lines are typed as they are: they are the text.
 */
public final class ScriptRunner {
  /** What a script line is typed as. */
  public static final String DETACH = "\u0010\u0011";

  public static final String EOF = "\u0004";

  private final Session session;
  private String node;

  public ScriptRunner(Session session) {
    this.session = session;
    this.node = session.nodes().get(0);
  }

  /** The node lines are typed at now. */
  public String node() {
    return node;
  }

  /** Runs a whole script; returns the transcript entries it produced, in typing order. */
  public List<TranscriptEntry> run(String script) {
    return run(script, e -> {});
  }

  /**
   * Runs a script, handing each entry to {@code live} as it is typed (an attaching command's exit
   * code may still change afterwards; the returned list has the final entries).
   */
  public List<TranscriptEntry> run(String script, Consumer<TranscriptEntry> live) {
    int start = session.transcript().size();
    for (String raw : script.split("\n", -1)) {
      TranscriptEntry e = line(raw);
      if (e != null) {
        live.accept(e);
      }
    }
    List<TranscriptEntry> all = session.transcript();
    return List.copyOf(all.subList(start, all.size()));
  }

  /**
   * Runs a script and returns every entry with its whole output, as the terminal printed it (the
   * session's transcript keeps only its last outputs, {@link Session#transcript}), and its final
   * exit code. What a script prints is held here until it ends: for a command line's {@code
   * --json}, not for a server.
   */
  public List<TranscriptEntry> runWhole(String script) {
    List<TranscriptEntry> typed = new ArrayList<>();
    List<TranscriptEntry> kept = run(script, typed::add);
    List<TranscriptEntry> whole = new ArrayList<>(typed.size());
    for (int i = 0; i < typed.size(); i++) {
      TranscriptEntry e = typed.get(i);
      int exit = i < kept.size() ? kept.get(i).exitCode() : e.exitCode();
      whole.add(
          new TranscriptEntry(
              e.node(), e.prompt(), e.command(), e.output(), exit, e.virtualTimeNanos()));
    }
    return whole;
  }

  /** The prompt of a shell that has read part of a command and waits for the rest (PS2). */
  private static final String CONTINUATION = "> ";

  /** Types one script line; null for comments, blank lines and node switches. */
  public TranscriptEntry line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    String trimmed = line.strip();
    boolean text = CONTINUATION.equals(session.prompt(node));
    if (!text && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
      return null;
    }
    if (!text && trimmed.startsWith("@") && trimmed.length() > 1 && !trimmed.contains(" ")) {
      String target = trimmed.substring(1);
      if (session.nodes().contains(target)) {
        node = target;
        return null;
      }
    }
    return switch (trimmed) {
      case "^P^Q" -> session.type(node, DETACH);
      case "^C" -> session.interrupt(node);
      case "^D" -> session.type(node, EOF);
      default -> session.type(node, line);
    };
  }

  /** The transcript as a terminal shows it: each prompt with what was typed, then the output. */
  public static String render(List<TranscriptEntry> entries) {
    StringBuilder sb = new StringBuilder();
    for (TranscriptEntry e : entries) {
      sb.append(e.prompt()).append(e.command()).append('\n');
      String out = e.output();
      if (out != null && !out.isEmpty()) {
        sb.append(out);
        if (!out.endsWith("\n")) {
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two-space indentation, one element per line, "key": value. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  /** The {@code --json} form: an array of {node, prompt, command, output, exitCode}. */
  public static String json(List<TranscriptEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TranscriptEntry e : entries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", e.node());
      m.put("prompt", e.prompt());
      m.put("command", e.command());
      m.put("output", e.output());
      m.put("exitCode", e.exitCode());
      rows.add(m);
    }
    try {
      return JSON.writer(PRETTY).writeValueAsString(rows) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
