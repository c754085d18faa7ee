package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * redis-server in the foreground on port 6379 with redis' own log format ({@code 1:M 01 Jan 2024
 * 00:00:00.000 * …}); SIGTERM/SIGINT make it save and exit 0. It keeps a keyspace of strings and
 * answers the commands clients send (a request's method is the command, its path the key, its body
 * the value; {@link RedisCli} sends every argument in a header): PING, ECHO, GET, SET, INCR, DECR,
 * DEL, EXISTS, KEYS, DBSIZE, FLUSHALL/FLUSHDB, with redis' arity and unknown-command errors; the
 * answer is RESP ({@code :1}, {@code +OK}, {@code $-1}, {@code *2}). The keyspace is saved to
 * {@code dump.rdb} in its working directory ({@code /data}) at shutdown and loaded at start, so a
 * count kept on a volume outlives the container. The file holds the keys as text after the {@code
 * REDIS0011} magic, not redis' binary encoding.
 */
public final class RedisServer implements Program {
  private static final String DUMP = "dump.rdb";
  private final java.util.Map<String, String> keys = new java.util.TreeMap<>();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

  @Override
  public void start(Proc proc) {
    String version = proc.env().getOrDefault("REDIS_VERSION", "7.2.4");
    if (proc.argv().contains("--version") || proc.argv().contains("-v")) {
      proc.out("Redis server v=" + version + " sha=00000000:0 malloc=jemalloc-5.3.0 bits=64\n");
      proc.exit(0);
      return;
    }
    log(proc, 'C', '*', "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
    log(
        proc,
        'C',
        '*',
        "Redis version="
            + version
            + ", bits=64, commit=00000000, modified=0, pid="
            + proc.pid()
            + ", just started");
    log(
        proc,
        'C',
        '#',
        "Warning: no config file specified, using the default config. In order to specify a"
            + " config file use redis-server /path/to/redis.conf");
    log(proc, 'M', '*', "monotonic clock: POSIX clock_gettime");
    log(proc, 'M', '*', "Running mode=standalone, port=6379.");
    log(proc, 'M', '*', "Server initialized");
    if (load(proc)) {
      log(proc, 'M', '*', "Loading RDB produced by version " + version);
      log(proc, 'M', '*', "Done loading RDB, keys loaded: " + keys.size() + ", keys expired: 0.");
      log(proc, 'M', '*', "DB loaded from disk: 0.000 seconds");
    }
    log(proc, 'M', '*', "Ready to accept connections tcp");
    // no config file: redis 7 binds "* -::*"
    proc.listen(
        6379,
        request -> HttpResponse.of(200, "OK", null, "text/plain", command(request)),
        List.of("0.0.0.0", "::"),
        511); // tcp-backlog
  }

  private String command(dev.ddlab.sim.runtime.HttpRequest request) {
    String typed = request.method();
    String cmd = typed.toLowerCase(Locale.ROOT);
    String joined = request.headers().get(RedisCli.ARGS);
    List<String> args;
    if (joined != null) {
      args = joined.isEmpty() ? List.of() : List.of(joined.split("\0", -1));
    } else { // a client library's request: the key as the path, a value as the body
      String key = request.path().startsWith("/") ? request.path().substring(1) : request.path();
      args = request.body().isEmpty() ? List.of(key) : List.of(key, request.body());
    }
    Integer arity = ARITY.get(cmd);
    if (arity == null) {
      StringBuilder b = new StringBuilder("-ERR unknown command '");
      b.append(typed).append("', with args beginning with: ");
      for (String a : args) {
        b.append('\'').append(a).append("' ");
      }
      return b.append("\r\n").toString();
    }
    int n = args.size() + 1;
    if (arity >= 0 ? n != arity : n < -arity) {
      return "-ERR wrong number of arguments for '" + cmd + "' command\r\n";
    }
    switch (cmd) {
      case "ping":
        return args.isEmpty() ? "+PONG\r\n" : bulk(args.get(0));
      case "echo":
        return bulk(args.get(0));
      case "get":
        String v = keys.get(args.get(0));
        return v == null ? "$-1\r\n" : bulk(v);
      case "set":
        if (args.size() > 2) {
          return "-ERR syntax error\r\n";
        }
        keys.put(args.get(0), args.get(1));
        return "+OK\r\n";
      case "del":
      case "exists":
        int count = 0;
        for (String k : args) {
          if (cmd.equals("del") ? keys.remove(k) != null : keys.containsKey(k)) {
            count++;
          }
        }
        return ":" + count + "\r\n";
      case "incr":
      case "decr":
        long value;
        try {
          value =
              Long.parseLong(keys.getOrDefault(args.get(0), "0")) + (cmd.equals("incr") ? 1 : -1);
        } catch (NumberFormatException e) {
          return "-ERR value is not an integer or out of range\r\n";
        }
        keys.put(args.get(0), Long.toString(value));
        return ":" + value + "\r\n";
      case "keys":
        java.util.regex.Pattern glob = glob(args.get(0));
        List<String> found = keys.keySet().stream().filter(k -> glob.matcher(k).matches()).toList();
        StringBuilder b = new StringBuilder("*").append(found.size()).append("\r\n");
        found.forEach(k -> b.append(bulk(k)));
        return b.toString();
      case "dbsize":
        return ":" + keys.size() + "\r\n";
      default: // flushall, flushdb
        keys.clear();
        return "+OK\r\n";
    }
  }

  /** Each command's arity as redis' command table gives it: n exactly, or -n for at least n. */
  private static final java.util.Map<String, Integer> ARITY =
      java.util.Map.ofEntries(
          java.util.Map.entry("ping", -1),
          java.util.Map.entry("echo", 2),
          java.util.Map.entry("get", 2),
          java.util.Map.entry("set", -3),
          java.util.Map.entry("del", -2),
          java.util.Map.entry("exists", -2),
          java.util.Map.entry("incr", 2),
          java.util.Map.entry("decr", 2),
          java.util.Map.entry("keys", 2),
          java.util.Map.entry("dbsize", 1),
          java.util.Map.entry("flushall", -1),
          java.util.Map.entry("flushdb", -1));

  private static String bulk(String v) {
    return "$" + v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n" + v + "\r\n";
  }

  /** A KEYS pattern (glob-style: * ? [..] and backslash escapes) as a regular expression. */
  private static java.util.regex.Pattern glob(String pattern) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> r.append(".*");
        case '?' -> r.append('.');
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            r.append("\\[");
          } else {
            String set = pattern.substring(i + 1, end);
            r.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            r.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        default -> r.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(r.toString(), java.util.regex.Pattern.DOTALL);
  }

  private String dumpPath(Proc proc) {
    return dev.ddlab.fs.Paths.resolve(proc.cwd(), DUMP);
  }

  private boolean load(Proc proc) {
    String path = dumpPath(proc);
    try {
      if (!proc.fs().exists(path)) {
        return false;
      }
      String[] lines =
          new String(proc.fs().read(path), java.nio.charset.StandardCharsets.UTF_8).split("\n");
      if (lines.length == 0 || !lines[0].startsWith("REDIS")) {
        return false;
      }
      for (int i = 1; i < lines.length; i++) {
        int tab = lines[i].indexOf('\t');
        if (tab > 0) {
          keys.put(lines[i].substring(0, tab), lines[i].substring(tab + 1));
        }
      }
      return true;
    } catch (dev.ddlab.fs.FsException e) {
      return false;
    }
  }

  private void save(Proc proc) {
    StringBuilder b = new StringBuilder("REDIS0011\n");
    keys.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
    try {
      proc.fs()
          .write(
              dumpPath(proc),
              b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              false);
    } catch (dev.ddlab.fs.FsException e) {
      // a read-only or missing directory: redis logs the failure and exits anyway
    }
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    if (signal == Signal.SIGTERM || signal == Signal.SIGINT) {
      proc.out(
          proc.pid()
              + ":signal-handler ("
              + proc.clock().nowNanos() / 1_000_000_000L
              + ") Received "
              + signal
              + " scheduling shutdown...\n");
      log(proc, 'M', '*', "User requested shutdown...");
      log(proc, 'M', '*', "Saving the final RDB snapshot before exiting.");
      save(proc);
      log(proc, 'M', '*', "DB saved on disk");
      log(proc, 'M', '#', "Redis is now ready to exit, bye bye...");
      proc.exit(0);
    }
  }

  private static void log(Proc proc, char role, char level, String message) {
    proc.out(
        proc.pid()
            + ":"
            + role
            + " "
            + TIME.format(Web.utc(proc.clock().nowNanos()))
            + " "
            + level
            + " "
            + message
            + "\n");
  }
}
