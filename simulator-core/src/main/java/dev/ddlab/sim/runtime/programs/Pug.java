package dev.ddlab.sim.runtime.programs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The small part of pug the course's web apps use: one tag per line, nesting by indentation, text
 * after the tag ({@code h1 Docker FTW!}) or a quoted string ({@code title='Docker FTW'}).
 */
final class Pug {
  private Pug() {}

  static String render(String source) {
    StringBuilder html = new StringBuilder();
    Deque<int[]> indents = new ArrayDeque<>();
    Deque<String> open = new ArrayDeque<>();
    if (source.startsWith("html")) {
      html.append("<!DOCTYPE html>");
    }
    for (String raw : source.split("\n")) {
      if (raw.isBlank()) {
        continue;
      }
      int indent = raw.length() - raw.stripLeading().length();
      String line = raw.strip();
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        html.append("</").append(open.pop()).append(">");
      }
      int i = 0;
      while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)))) {
        i++;
      }
      String tag = line.substring(0, i);
      String rest = line.substring(i);
      String text;
      if (rest.startsWith("=")) {
        text = rest.substring(1).trim();
        if (text.length() >= 2 && (text.startsWith("'") || text.startsWith("\""))) {
          text = text.substring(1, text.length() - 1);
        }
      } else {
        text = rest.trim();
      }
      html.append("<").append(tag).append(">").append(escape(text));
      indents.push(new int[] {indent});
      open.push(tag);
    }
    while (!open.isEmpty()) {
      html.append("</").append(open.pop()).append(">");
    }
    return html.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
