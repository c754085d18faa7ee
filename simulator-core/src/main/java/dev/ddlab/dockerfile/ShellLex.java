package dev.ddlab.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Variable substitution in instruction arguments, as BuildKit's {@code shell.Lex} does it for ENV,
 * ARG, FROM, COPY, ADD, WORKDIR, LABEL, EXPOSE, USER, VOLUME and STOPSIGNAL: {@code $VAR}, {@code
 * ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}},
 * {@code ${VAR:?message}}; single quotes are literal, double quotes substitute, the escape
 * character escapes the next character and quotes are removed.
 */
public final class ShellLex {
  private final char escape;

  public ShellLex(char escape) {
    this.escape = escape;
  }

  /** One word after substitution and quote removal. */
  public String word(String text, Map<String, String> env) {
    return new Run(text, env).word(false).get(0);
  }

  /**
   * A here-document's body as COPY and ADD expand it (SkipProcessQuotes): variables substituted,
   * the escape character escapes, quotes are ordinary characters.
   */
  public String raw(String text, Map<String, String> env) {
    Run r = new Run(text, env);
    r.literalQuotes = true;
    return r.word(false).get(0);
  }

  /** Words: like {@link #word}, split at unquoted whitespace (EXPOSE, VOLUME lists). */
  public List<String> words(String text, Map<String, String> env) {
    return new Run(text, env).word(true);
  }

  private final class Run {
    private final String s;
    private final Map<String, String> env;
    private int pos;
    private boolean literalQuotes;

    Run(String s, Map<String, String> env) {
      this.s = s;
      this.env = env;
    }

    private boolean eof() {
      return pos >= s.length();
    }

    private char peek() {
      return s.charAt(pos);
    }

    List<String> word(boolean split) {
      List<String> words = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      boolean any = false;
      while (!eof()) {
        char c = peek();
        if (split && Character.isWhitespace(c)) {
          pos++;
          if (any) {
            words.add(sb.toString());
            sb.setLength(0);
            any = false;
          }
          continue;
        }
        any = true;
        if (literalQuotes && (c == '\'' || c == '"')) {
          sb.append(c);
          pos++;
        } else if (c == '\'') {
          pos++;
          singleQuoted(sb);
        } else if (c == '"') {
          pos++;
          doubleQuoted(sb);
        } else if (c == '$') {
          pos++;
          sb.append(dollar());
        } else if (c == escape) {
          pos++;
          if (!eof()) {
            sb.append(peek());
            pos++;
          }
        } else {
          sb.append(c);
          pos++;
        }
      }
      if (any || !split) {
        words.add(sb.toString());
      }
      return words;
    }

    private void singleQuoted(StringBuilder sb) {
      while (!eof()) {
        char c = peek();
        pos++;
        if (c == '\'') {
          return;
        }
        sb.append(c);
      }
      throw new DockerfileException(
          "unexpected end of statement while looking for matching single-quote");
    }

    private void doubleQuoted(StringBuilder sb) {
      while (!eof()) {
        char c = peek();
        if (c == '"') {
          pos++;
          return;
        }
        if (c == '$') {
          pos++;
          sb.append(dollar());
          continue;
        }
        if (c == escape && pos + 1 < s.length()) {
          char n = s.charAt(pos + 1);
          if (n == '"' || n == '$' || n == escape) {
            sb.append(n);
            pos += 2;
            continue;
          }
        }
        sb.append(c);
        pos++;
      }
      throw new DockerfileException(
          "unexpected end of statement while looking for matching double-quote");
    }

    private String name() {
      int start = pos;
      while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private String dollar() {
      if (eof()) {
        return "$";
      }
      if (peek() != '{') {
        String name = name();
        if (name.isEmpty()) {
          return "$";
        }
        return env.getOrDefault(name, "");
      }
      pos++;
      String name = name();
      if (name.isEmpty()) {
        throw new DockerfileException("bad substitution");
      }
      if (eof()) {
        throw new DockerfileException("missing '}'");
      }
      char c = peek();
      if (c == '}') {
        pos++;
        return env.getOrDefault(name, "");
      }
      boolean colon = false;
      if (c == ':') {
        colon = true;
        pos++;
        if (eof()) {
          throw new DockerfileException("missing '}'");
        }
        c = peek();
      }
      if (c != '-' && c != '+' && c != '?') {
        throw new DockerfileException(
            colon
                ? "unsupported modifier (" + c + ") in substitution"
                : "missing ':' in substitution");
      }
      pos++;
      String word = inner();
      String value = env.get(name);
      boolean set = value != null && (!colon || !value.isEmpty());
      switch (c) {
        case '-' -> {
          return set ? value : word;
        }
        case '+' -> {
          return set ? word : "";
        }
        default -> {
          if (!set) {
            throw new DockerfileException(
                name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          return value;
        }
      }
    }

    /** The word of ${VAR:-word} up to the matching brace, itself substituted. */
    private String inner() {
      StringBuilder sb = new StringBuilder();
      while (!eof()) {
        char c = peek();
        if (c == '}') {
          pos++;
          return sb.toString();
        }
        if (c == '$') {
          pos++;
          sb.append(dollar());
        } else if (c == '\'') {
          pos++;
          singleQuoted(sb);
        } else if (c == '"') {
          pos++;
          doubleQuoted(sb);
        } else if (c == escape && pos + 1 < s.length()) {
          sb.append(s.charAt(pos + 1));
          pos += 2;
        } else {
          sb.append(c);
          pos++;
        }
      }
      throw new DockerfileException("missing '}'");
    }
  }
}
