package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * redis-cli 7.2 against a {@link RedisServer} (by name or address over the container's network,
 * default 127.0.0.1:6379): a command given as arguments ({@code redis-cli get hits}), else the
 * commands on stdin one per line, or at a terminal the interactive prompt {@code 127.0.0.1:6379>}.
 * Replies are printed as redis-cli prints them: for a terminal {@code (integer) 2}, {@code "2"},
 * {@code (nil)}, {@code (error) ERR …}, numbered arrays; otherwise (a pipe, {@code docker exec}
 * without {@code -t}, or {@code --raw}) the bare values. A server that cannot be reached is "Could
 * not connect to Redis at HOST:PORT: …", exit 1; an error reply of a command given as arguments
 * exits 1 as well.
 */
public final class RedisCli implements Program {
  /** The header that carries a command's arguments, NUL-separated, to {@link RedisServer}. */
  static final String ARGS = "X-Redis-Args";

  private String host = "127.0.0.1";
  private int port = 6379;
  private boolean raw;
  private boolean errorExit;
  private boolean interactive;
  private int status;

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv();
    raw = !proc.tty();
    int i = 1;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-h") && i + 1 < args.size()) {
        host = args.get(++i);
      } else if (a.equals("-p") && i + 1 < args.size()) {
        try {
          port = Integer.parseInt(args.get(++i));
        } catch (NumberFormatException e) {
          port = 0;
        }
      } else if (a.equals("-e")) {
        errorExit = true;
      } else if (a.equals("--raw")) {
        raw = true;
      } else if (a.equals("--no-raw")) {
        raw = false;
      } else if (a.equals("-v") || a.equals("--version")) {
        proc.out("redis-cli " + proc.env().getOrDefault("REDIS_VERSION", "7.2.4") + "\n");
        proc.exit(0);
        return;
      } else if (a.startsWith("-") && a.length() > 1) {
        proc.err("Unrecognized option or bad number of args for: '" + a + "'\n");
        proc.exit(1);
        return;
      } else {
        break;
      }
    }
    if (i < args.size()) {
      List<String> command = args.subList(i, args.size());
      String reply = send(proc, command);
      if (reply == null) {
        proc.exit(1);
        return;
      }
      if (reply.startsWith("-") && errorExit) { // -e: an error reply is stderr and exit 1
        proc.err(reply.substring(1).strip() + "\n");
        proc.exit(1);
        return;
      }
      proc.out(format(reply));
      proc.exit(0);
      return;
    }
    interactive = proc.stdinTty();
  }

  @Override
  public String prompt(Proc proc) {
    return interactive && !proc.exited() ? host + ":" + port + "> " : "";
  }

  @Override
  public void stdin(Proc proc, String line) {
    List<String> words = words(line);
    if (words.isEmpty()) {
      return;
    }
    String first = words.get(0).toLowerCase(Locale.ROOT);
    if (interactive && (first.equals("exit") || first.equals("quit"))) {
      proc.exit(0);
      return;
    }
    String reply = send(proc, words);
    if (reply == null) {
      status = 1;
      if (!interactive) {
        proc.exit(1);
      }
      return;
    }
    proc.out(format(reply));
  }

  @Override
  public void stdinClosed(Proc proc) {
    proc.exit(status);
  }

  /** A line's words: blanks separate them, double or single quotes keep blanks in one. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          w.append(line.charAt(++i));
        } else {
          w.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        if (w == null) {
          w = new StringBuilder();
        }
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else {
        if (w == null) {
          w = new StringBuilder();
        }
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  /** The server's RESP reply to the command, or null (the failure printed) when unreachable. */
  private String send(Proc proc, List<String> command) {
    List<String> rest = command.subList(1, command.size());
    HttpRequest request =
        new HttpRequest(
            command.get(0),
            rest.isEmpty() ? "" : rest.get(0),
            java.util.Map.of(ARGS, String.join("\0", rest)),
            rest.size() > 1 ? rest.get(1) : "",
            "");
    try {
      HttpResponse r = proc.http(host, port, request);
      return r.body();
    } catch (NetException e) {
      String why =
          switch (e.kind()) {
            case UNRESOLVED ->
                proc.fs().exists("/etc/alpine-release")
                    ? "Name does not resolve"
                    : "Name or service not known";
            default -> e.getMessage();
          };
      proc.err("Could not connect to Redis at " + host + ":" + port + ": " + why + "\n");
      return null;
    }
  }

  /** A RESP reply as redis-cli prints it. */
  private String format(String reply) {
    StringBuilder out = new StringBuilder();
    new Reader(reply).value(out, "", raw);
    return out.toString();
  }

  /** Reads RESP (simple strings, errors, integers, bulk strings, arrays) and prints it. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    private String line() {
      int end = s.indexOf("\r\n", pos);
      if (end < 0) {
        end = s.length();
      }
      String l = s.substring(pos, end);
      pos = Math.min(s.length(), end + 2);
      return l;
    }

    void value(StringBuilder out, String indent, boolean raw) {
      if (pos >= s.length()) {
        return;
      }
      char type = s.charAt(pos++);
      String l = line();
      switch (type) {
        case '+' -> out.append(l).append('\n');
        case '-' -> out.append(raw ? "" : "(error) ").append(l).append('\n');
        case ':' -> out.append(raw ? "" : "(integer) ").append(l).append('\n');
        case '$' -> {
          int len = Integer.parseInt(l);
          if (len < 0) {
            out.append(raw ? "" : "(nil)").append('\n');
          } else {
            String v = s.substring(pos, pos + len);
            pos += len + 2;
            out.append(raw ? v : quoted(v)).append('\n');
          }
        }
        case '*' -> {
          int n = Integer.parseInt(l);
          if (n <= 0) {
            out.append(raw ? "\n" : "(empty array)\n");
            return;
          }
          int width = Integer.toString(n).length();
          for (int i = 1; i <= n; i++) {
            if (!raw) {
              String num = Integer.toString(i);
              out.append(i == 1 ? "" : indent)
                  .append(" ".repeat(width - num.length()))
                  .append(num)
                  .append(") ");
            }
            value(out, indent + " ".repeat(width + 2), raw);
          }
        }
        default -> out.append(l).append('\n');
      }
    }

    /** redis-cli's sdscatrepr: double quotes, escapes for quotes, backslashes and controls. */
    private static String quoted(String v) {
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '"' -> b.append("\\\"");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
  }
}
