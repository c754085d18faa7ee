package dev.ddlab.grader.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed shell line into the simple commands it runs, as words: {@code a && b | c; d} gives
 * four commands, and {@code docker rm -f $(docker ps -aq)} gives the outer command (with {@code
 * $(…)} kept as one word) and the inner one. Quotes and backslashes follow sh.
 */
public final class CommandLines {
  private CommandLines() {}

  public static List<List<String>> commands(String line) {
    List<List<String>> out = new ArrayList<>();
    split(line == null ? "" : line, out);
    return out;
  }

  private static void split(String line, List<List<String>> out) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          end = n;
        }
        word = word == null ? new StringBuilder() : word;
        word.append(line, i + 1, end);
        i = Math.min(end + 1, n);
      } else if (c == '\\' && i + 1 < n) {
        word = word == null ? new StringBuilder() : word;
        word.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '(') {
        int depth = 0;
        int j = i + 1;
        for (; j < n; j++) {
          if (line.charAt(j) == '(') {
            depth++;
          } else if (line.charAt(j) == ')' && --depth == 0) {
            break;
          }
        }
        split(line.substring(i + 2, Math.min(j, n)), out);
        word = word == null ? new StringBuilder() : word;
        word.append(line, i, Math.min(j + 1, n));
        i = j + 1;
      } else if (c == '#' && word == null) {
        break; // a comment to the end of the line
      } else if (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if (c == ';' || c == '|' || c == '&') {
          if (!words.isEmpty()) {
            out.add(words);
          }
          words = new ArrayList<>();
        }
        i++;
      } else if (c == '>' || c == '<') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        // a redirection's target is not an argument of the command
        i++;
        if (i < n && line.charAt(i) == '>') {
          i++;
        }
        while (i < n && Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        while (i < n && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    if (!words.isEmpty()) {
      out.add(words);
    }
  }
}
