package dev.ddlab.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A here-document of a RUN, COPY or ADD (BuildKit's {@code parser.Heredoc}, Dockerfile frontend
 * 1.4+, built into Docker 23+'s BuildKit): the delimiter word, whether its body is expanded (no
 * part of the word was quoted), whether leading tabs are stripped ({@code <<-}), and the body, each
 * line with its newline, the delimiter line excluded.
 *
 * @param name the delimiter after quote removal ("EOF" for {@code <<"EOF"})
 * @param expand whether the word was unquoted (COPY/ADD then substitute variables in the body)
 * @param chomp {@code <<-}: leading tabs are stripped from the body and the delimiter line
 * @param content the body as written (not yet chomped)
 */
public record Heredoc(String name, boolean expand, boolean chomp, String content) {
  /** BuildKit 0.11's reHeredoc: the word must follow "<<" with no space. */
  private static final Pattern WORD = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");

  private static final Pattern LEADING_TABS = Pattern.compile("(?m)^\\t+");

  /** A copy with its body. */
  Heredoc withContent(String body) {
    return new Heredoc(name, expand, chomp, body);
  }

  /** The body as used: leading tabs stripped from each line for {@code <<-}. */
  public String data() {
    return chomp ? LEADING_TABS.matcher(content).replaceAll("") : content;
  }

  /**
   * ParseHeredoc: the here-document a word opens ({@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'}),
   * or null when the word is none (also {@code <<} alone and {@code <<a b}). Its body is empty.
   */
  public static Heredoc parse(String word) {
    Matcher m = WORD.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return null;
    }
    String rest = m.group(3);
    List<String> unquoted = words(rest, false);
    if (unquoted.size() != 1) {
      return null;
    }
    String name = unquoted.get(0);
    // quoted when quote removal took quotes away: the raw word has more of them than the name
    boolean expand = quotes(name) == quotes(rest);
    return new Heredoc(name, expand, m.group(2).equals("-"), "");
  }

  private static int quotes(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        n++;
      }
    }
    return n;
  }

  /**
   * The here-documents an instruction's line opens, in order (heredocsFromLine: the line split into
   * words with quotes and escapes kept, each word tried with {@link #parse}).
   */
  static List<Heredoc> fromLine(String line) {
    List<Heredoc> out = new ArrayList<>();
    for (String w : words(line, true)) {
      Heredoc h = parse(w);
      if (h != null) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Words split at unquoted whitespace: with {@code raw} quotes and backslashes are kept (the
   * lexer's RawQuotes and RawEscapes), else removed as the shell removes them.
   */
  private static List<String> words(String text, boolean raw) {
    List<String> words = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escapes = quote != '\'' && c == '\\' && i + 1 < text.length();
      if (quote == 0 && Character.isWhitespace(c)) {
        if (sb.length() > 0) {
          words.add(sb.toString());
          sb.setLength(0);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        if (quote == 0) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else {
          sb.append(c);
          continue;
        }
        if (raw) {
          sb.append(c);
        }
      } else if (escapes) {
        if (raw) {
          sb.append(c);
        }
        sb.append(text.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    if (sb.length() > 0) {
      words.add(sb.toString());
    }
    return words;
  }
}
