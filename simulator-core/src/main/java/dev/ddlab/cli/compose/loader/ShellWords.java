package dev.ddlab.cli.compose.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * A command string split into words as compose does ({@code mattn/go-shellwords}): blanks separate
 * words, single quotes are literal, double quotes keep blanks, a backslash escapes the next
 * character. No expansion.
 */
public final class ShellWords {
  private ShellWords() {}

  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
          cur.append(s.charAt(++i));
        } else {
          cur.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new ComposeException("invalid command line string");
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
