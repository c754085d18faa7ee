package dev.ddlab.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates a line of input at the level of words and characters: delete, duplicate, swap, replace or
 * insert words (from the target's dictionary and a list of inputs that tend to break parsers),
 * change characters, splice two lines, truncate. Deterministic for a given random source.
 */
final class Mutator {
  /** Inputs that break parsers: quoting, substitutions, operators, numbers at the edges. */
  static final List<String> HOSTILE =
      List.of(
          "",
          "-",
          "--",
          "-1",
          "0",
          "-0",
          "2147483648",
          "-9223372036854775809",
          "99999999999999999999999",
          "1e999",
          "0x",
          "'",
          "\"",
          "\\",
          "`",
          "$(",
          ")",
          "$((",
          "))",
          "${",
          "}",
          "${x:-",
          "$",
          "$?",
          "$#",
          "|",
          "||",
          "&&",
          "&",
          ";",
          ";;",
          ">",
          ">>",
          "<",
          "<<",
          "2>&1",
          ">&",
          "{",
          "((",
          "[",
          "]",
          "[[",
          "*",
          "?",
          "~",
          "=",
          "a=",
          "=b",
          "{{",
          "}}",
          "{{.",
          "{{json .}}",
          "{{range .}}",
          "{{end}}",
          "{{.State.Pid}}",
          "%",
          ":",
          "::",
          ":80",
          "80:",
          "65536:80",
          "0.0.0.0:80:80/udp",
          "@",
          "sha256:",
          "a/b/c:d@e",
          "UPPER",
          "ệ",
          "中文",
          "\t",
          "#",
          "!",
          "!!",
          "-it",
          "-d",
          "--rm",
          "-e",
          "--name",
          "-p",
          "-v",
          "/:/host",
          "--format",
          "-f",
          "--help",
          "-h",
          "done",
          "do",
          "then",
          "fi",
          "esac",
          "while",
          "for",
          "if",
          "in",
          "a".repeat(300),
          "x".repeat(5000));

  private final SplittableRandom random;
  private final List<String> dictionary;

  Mutator(SplittableRandom random, List<String> dictionary) {
    this.random = random;
    this.dictionary = dictionary;
  }

  /** One to three mutations of {@code line}; {@code other} is a second line to splice with. */
  String mutate(String line, String other) {
    String out = line;
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      out = once(out, other);
    }
    return out.length() > 20_000 ? out.substring(0, 20_000) : out;
  }

  private String once(String line, String other) {
    List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
    switch (random.nextInt(10)) {
      case 0 -> {
        if (words.size() > 1) {
          words.remove(random.nextInt(words.size()));
        }
      }
      case 1 -> {
        int i = random.nextInt(words.size());
        words.add(i, words.get(i));
      }
      case 2 -> {
        int i = random.nextInt(words.size());
        int j = random.nextInt(words.size());
        String w = words.get(i);
        words.set(i, words.get(j));
        words.set(j, w);
      }
      case 3 -> words.set(random.nextInt(words.size()), word());
      case 4, 5 -> words.add(random.nextInt(words.size() + 1), word());
      case 6 -> {
        return chars(line);
      }
      case 7 -> {
        int cut = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
        int from = other.isEmpty() ? 0 : random.nextInt(other.length() + 1);
        return line.substring(0, cut) + other.substring(from);
      }
      case 8 -> {
        return line.isEmpty() ? line : line.substring(0, random.nextInt(line.length() + 1));
      }
      default -> {
        // glue a word to its neighbour: --name=x, -itd, $(cmd)
        int i = random.nextInt(words.size());
        String glue = List.of("=", "", ":", "$(", "'", "\"", ",").get(random.nextInt(7));
        words.set(i, words.get(i) + glue + word());
      }
    }
    return String.join(" ", words);
  }

  private String chars(String line) {
    StringBuilder sb = new StringBuilder(line);
    int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
    String pick = "\"'\\$`(){}[]|&;<>*?~#=:,.-/ \t!%@^ệ";
    char c = pick.charAt(random.nextInt(pick.length()));
    switch (random.nextInt(3)) {
      case 0 -> sb.insert(at, c);
      case 1 -> {
        if (at < sb.length()) {
          sb.deleteCharAt(at);
        }
      }
      default -> {
        if (at < sb.length()) {
          sb.setCharAt(at, c);
        } else {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  private String word() {
    if (random.nextInt(3) == 0 || dictionary.isEmpty()) {
      return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }
    return dictionary.get(random.nextInt(dictionary.size()));
  }
}
