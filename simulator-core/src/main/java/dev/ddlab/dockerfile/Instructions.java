package dev.ddlab.dockerfile;

import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The second pass (BuildKit's {@code instructions.Parse}): each {@link Node} becomes a typed {@link
 * Instruction} with its flags checked, ARGs before the first FROM become meta args, and the rest is
 * grouped into stages. Errors carry BuildKit's texts ("dockerfile parse error on line 3: unknown
 * instruction: RUNN (did you mean RUN?)").
 */
public final class Instructions {
  static final List<String> NAMES =
      List.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final long MIN_DURATION = 1_000_000L; // container.MinimumDuration: 1ms

  private Instructions() {}

  /** Groups the parsed nodes into meta args and stages. */
  public static Dockerfile parse(DockerfileParser.Result parsed) {
    List<Instruction.Arg> meta = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Node from = null;
    String name = "";
    String base = "";
    String platform = "";
    List<Instruction> commands = new ArrayList<>();
    for (Node n : parsed.nodes()) {
      Object parsedOne;
      try {
        parsedOne = instruction(n);
      } catch (DockerfileException e) {
        throw DockerfileException.parseError(n, e.getMessage());
      }
      if (parsedOne instanceof FromLine f) {
        if (from != null) {
          stages.add(new Stage(stages.size(), name, base, platform, commands, from));
        }
        from = n;
        name = f.name;
        base = f.base;
        platform = f.platform;
        commands = new ArrayList<>();
        continue;
      }
      Instruction i = (Instruction) parsedOne;
      if (from == null) {
        if (i instanceof Instruction.Arg a) {
          meta.add(a);
          continue;
        }
        throw DockerfileException.at(n, "no build stage in current context");
      }
      commands.add(i);
    }
    if (from != null) {
      stages.add(new Stage(stages.size(), name, base, platform, commands, from));
    }
    return new Dockerfile(meta, stages, parsed.escape(), parsed.syntax(), parsed.warnings());
  }

  private record FromLine(String base, String name, String platform) {}

  /** ParseInstruction: a FromLine for FROM, else the typed instruction. */
  static Object instruction(Node n) {
    List<String> args = n.args();
    Flags flags = new Flags(n.flags());
    switch (n.instruction()) {
      case "env" -> {
        flags.parse();
        return new Instruction.Env(n, pairs(args, "ENV"));
      }
      case "label" -> {
        flags.parse();
        return new Instruction.Label(n, pairs(args, "LABEL"));
      }
      case "maintainer" -> {
        exactlyOne(args, "MAINTAINER");
        flags.parse();
        return new Instruction.Maintainer(n, args.get(0));
      }
      case "add" -> {
        twoOrMore(args, "ADD");
        String chown = flags.string("chown");
        String chmod = flags.string("chmod");
        String link = flags.bool("link");
        flags.bool("keep-git-dir");
        String checksum = flags.string("checksum");
        flags.parse();
        SourcesAndDest sd = sourcesAndDest(n, "ADD");
        return new Instruction.Add(
            n,
            sd.paths,
            sd.dest,
            flags.value(chown),
            flags.value(chmod),
            flags.value(checksum),
            flags.isTrue(link),
            sd.inline);
      }
      case "copy" -> {
        twoOrMore(args, "COPY");
        String chown = flags.string("chown");
        String from = flags.string("from");
        String chmod = flags.string("chmod");
        String link = flags.bool("link");
        flags.parse();
        SourcesAndDest sd = sourcesAndDest(n, "COPY");
        return new Instruction.Copy(
            n,
            sd.paths,
            sd.dest,
            flags.value(from),
            flags.value(chown),
            flags.value(chmod),
            flags.isTrue(link),
            sd.inline);
      }
      case "from" -> {
        String name;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
          name = args.get(2).toLowerCase(Locale.ROOT);
          if (!STAGE_NAME.matcher(name).matches()) {
            throw new DockerfileException(
                "invalid name for build stage: "
                    + Json.goQuote(args.get(2))
                    + ", name can't start with a number or contain symbols");
          }
        } else if (args.size() != 1) {
          throw new DockerfileException("FROM requires either one or three arguments");
        } else {
          name = "";
        }
        String platform = flags.string("platform");
        flags.parse();
        return new FromLine(args.get(0), name, flags.value(platform));
      }
      case "onbuild" -> {
        if (n.sub() == null) {
          throw new DockerfileException("ONBUILD requires at least one argument");
        }
        flags.parse();
        String trigger = n.sub().instruction().toUpperCase(Locale.ROOT);
        if (trigger.equals("ONBUILD")) {
          throw new DockerfileException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
          throw new DockerfileException(trigger + " isn't allowed as an ONBUILD trigger");
        }
        StringBuilder expr =
            new StringBuilder(n.original().replaceFirst("(?i)^\\s*ONBUILD\\s*", ""));
        for (Heredoc h : n.heredocs()) {
          expr.append('\n').append(h.content()).append(h.name());
        }
        return new Instruction.Onbuild(n, expr.toString());
      }
      case "workdir" -> {
        exactlyOne(args, "WORKDIR");
        flags.parse();
        return new Instruction.Workdir(n, args.get(0));
      }
      case "run" -> {
        flags.strings("mount");
        String network = flags.string("network");
        flags.string("security");
        flags.parse();
        return new Instruction.Run(
            n, args, n.json(), flags.values("mount"), flags.value(network), n.heredocs());
      }
      case "cmd" -> {
        flags.parse();
        return new Instruction.Cmd(n, args, n.json());
      }
      case "entrypoint" -> {
        flags.parse();
        return new Instruction.Entrypoint(n, args.isEmpty() ? null : args, n.json());
      }
      case "healthcheck" -> {
        return healthcheck(n, flags);
      }
      case "expose" -> {
        if (args.isEmpty()) {
          throw new DockerfileException("EXPOSE requires at least one argument");
        }
        flags.parse();
        List<String> ports = new ArrayList<>(args);
        ports.sort(null);
        return new Instruction.Expose(n, ports);
      }
      case "user" -> {
        exactlyOne(args, "USER");
        flags.parse();
        return new Instruction.User(n, args.get(0));
      }
      case "volume" -> {
        if (args.isEmpty()) {
          throw new DockerfileException("VOLUME requires at least one argument");
        }
        flags.parse();
        List<String> vols = new ArrayList<>();
        for (String v : args) {
          if (v.strip().isEmpty()) {
            throw new DockerfileException("VOLUME specified can not be an empty string");
          }
          vols.add(v.strip());
        }
        return new Instruction.Volume(n, vols);
      }
      case "stopsignal" -> {
        exactlyOne(args, "STOPSIGNAL");
        return new Instruction.StopSignal(n, args.get(0));
      }
      case "arg" -> {
        if (args.isEmpty()) {
          throw new DockerfileException("ARG requires at least one argument");
        }
        List<Instruction.ArgPair> pairs = new ArrayList<>();
        for (String a : args) {
          int eq = a.indexOf('=');
          if (eq == 0) {
            throw new DockerfileException("ARG names can not be blank");
          }
          pairs.add(
              eq < 0
                  ? new Instruction.ArgPair(a, null)
                  : new Instruction.ArgPair(a.substring(0, eq), a.substring(eq + 1)));
        }
        return new Instruction.Arg(n, pairs);
      }
      case "shell" -> {
        flags.parse();
        if (args.isEmpty()) {
          throw new DockerfileException("SHELL requires at least one argument");
        }
        if (!n.json()) {
          throw new DockerfileException(
              "SHELL requires the arguments to be in JSON form"); // errNotJSON
        }
        return new Instruction.Shell(n, args);
      }
      default -> throw unknown(firstWord(n.original()));
    }
  }

  /** The instruction word as written (BuildKit reports it in its own case). */
  private static String firstWord(String original) {
    String t = original.strip();
    int i = 0;
    while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
      i++;
    }
    return t.substring(0, i);
  }

  /** UnknownInstructionError with BuildKit's suggestion (Levenshtein distance below 3). */
  private static DockerfileException unknown(String word) {
    String message = "unknown instruction: " + word;
    String lower = word.toLowerCase(Locale.ROOT);
    String match = null;
    int best = 3;
    for (String name : NAMES) {
      String opt = name.toLowerCase(Locale.ROOT);
      int d = levenshtein(lower, opt);
      if (d < best) {
        best = d;
        match = matchCase(opt, word);
      }
    }
    return new DockerfileException(
        match == null ? message : message + " (did you mean " + match + "?)");
  }

  private static String matchCase(String val, String orig) {
    if (orig.equals(orig.toLowerCase(Locale.ROOT))) {
      return val.toLowerCase(Locale.ROOT);
    }
    if (orig.equals(orig.toUpperCase(Locale.ROOT))) {
      return val.toUpperCase(Locale.ROOT);
    }
    return val;
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Instruction.Healthcheck healthcheck(Node n, Flags flags) {
    List<String> args = n.args();
    if (args.isEmpty()) {
      throw new DockerfileException("HEALTHCHECK requires at least one argument");
    }
    String type = args.get(0).toUpperCase(Locale.ROOT);
    List<String> rest = args.subList(1, args.size());
    if (type.equals("NONE")) {
      if (!rest.isEmpty()) {
        throw new DockerfileException("HEALTHCHECK NONE takes no arguments");
      }
      return new Instruction.Healthcheck(n, List.of("NONE"), 0, 0, 0, 0, 0);
    }
    String interval = flags.string("interval");
    String timeout = flags.string("timeout");
    String startPeriod = flags.string("start-period");
    String startInterval = flags.string("start-interval");
    String retries = flags.string("retries");
    flags.parse();
    if (!type.equals("CMD")) {
      throw new DockerfileException(
          "Unknown type " + Json.goQuote(type) + " in HEALTHCHECK (try CMD)");
    }
    if (rest.isEmpty()) {
      throw new DockerfileException("Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    test.add(n.json() ? "CMD" : "CMD-SHELL");
    test.addAll(rest);
    int r = 0;
    String rv = flags.value(retries);
    if (!rv.isEmpty()) {
      long parsed;
      try {
        parsed = Long.parseLong(rv);
      } catch (NumberFormatException e) {
        throw new DockerfileException(
            "strconv.ParseInt: parsing " + Json.goQuote(rv) + ": invalid syntax");
      }
      if (parsed < 0) {
        throw new DockerfileException("--retries cannot be negative (" + parsed + ")");
      }
      r = (int) parsed;
    }
    return new Instruction.Healthcheck(
        n,
        test,
        duration(flags, interval, "interval"),
        duration(flags, timeout, "timeout"),
        duration(flags, startPeriod, "start-period"),
        duration(flags, startInterval, "start-interval"),
        r);
  }

  private static long duration(Flags flags, String key, String name) {
    String s = flags.value(key);
    if (s.isEmpty()) {
      return 0;
    }
    Long d = GoTime.parseDuration(s);
    if (d == null) {
      throw new DockerfileException("time: invalid duration " + Json.goQuote(s));
    }
    if (d != 0 && d < MIN_DURATION) {
      throw new DockerfileException("Interval " + Json.goQuote(name) + " cannot be less than 1ms");
    }
    return d;
  }

  private static List<Instruction.KeyValue> pairs(List<String> args, String cmd) {
    if (args.isEmpty()) {
      throw new DockerfileException(cmd + " requires at least one argument");
    }
    List<Instruction.KeyValue> out = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      if (args.get(i).isEmpty()) {
        throw new DockerfileException(cmd + " names can not be blank");
      }
      out.add(new Instruction.KeyValue(args.get(i), args.get(i + 1)));
    }
    return out;
  }

  private record SourcesAndDest(List<String> paths, String dest, List<Heredoc> inline) {}

  /**
   * parseSourcesAndDest: the last argument is the destination (never a here-document: "COPY cannot
   * accept a heredoc as a destination"); a source that opens a here-document is that document's
   * body, by its name.
   */
  private static SourcesAndDest sourcesAndDest(Node n, String cmd) {
    List<String> args = n.args();
    String dest = args.get(args.size() - 1);
    if (Heredoc.parse(dest) != null) {
      throw new DockerfileException(cmd + " cannot accept a heredoc as a destination");
    }
    Map<String, Heredoc> bodies = new HashMap<>();
    for (Heredoc h : n.heredocs()) {
      bodies.put(h.name(), h);
    }
    List<String> paths = new ArrayList<>();
    List<Heredoc> inline = new ArrayList<>();
    for (String src : args.subList(0, args.size() - 1)) {
      Heredoc h = Heredoc.parse(src);
      if (h == null) {
        paths.add(src);
      } else {
        Heredoc body = bodies.get(h.name());
        inline.add(body == null ? h : body);
      }
    }
    return new SourcesAndDest(List.copyOf(paths), dest, List.copyOf(inline));
  }

  private static void exactlyOne(List<String> args, String cmd) {
    if (args.size() != 1) {
      throw new DockerfileException(cmd + " requires exactly one argument");
    }
  }

  private static void twoOrMore(List<String> args, String cmd) {
    if (args.size() < 2) {
      throw new DockerfileException(
          cmd
              + " requires at least two arguments, but only one was provided. Destination could"
              + " not be determined");
    }
  }

  /** BuildKit's BFlags: the flags an instruction accepts, then Parse checks what was written. */
  private static final class Flags {
    private final List<String> given;
    private final Map<String, String> kinds = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> multi = new HashMap<>();

    Flags(List<String> given) {
      this.given = given;
    }

    String string(String name) {
      kinds.put(name, "string");
      values.put(name, "");
      return name;
    }

    String bool(String name) {
      kinds.put(name, "bool");
      values.put(name, "false");
      return name;
    }

    void strings(String name) {
      kinds.put(name, "strings");
      multi.put(name, new ArrayList<>());
    }

    String value(String name) {
      return values.getOrDefault(name, "");
    }

    boolean isTrue(String name) {
      return values.getOrDefault(name, "false").equals("true");
    }

    List<String> values(String name) {
      return List.copyOf(multi.getOrDefault(name, List.of()));
    }

    void parse() {
      java.util.Set<String> used = new java.util.HashSet<>();
      for (String arg : given) {
        if (!arg.startsWith("--")) {
          throw new DockerfileException("Arg should start with -- : " + arg);
        }
        if (arg.equals("--")) {
          return;
        }
        String a = arg.substring(2);
        String value = "";
        int eq = a.indexOf('=');
        if (eq >= 0) {
          value = a.substring(eq + 1);
          a = a.substring(0, eq);
        }
        String kind = kinds.get(a);
        if (kind == null) {
          throw new DockerfileException("Unknown flag: " + a);
        }
        if (!used.add(a) && !kind.equals("strings")) {
          throw new DockerfileException("Duplicate flag specified: " + a);
        }
        switch (kind) {
          case "bool" -> {
            if (eq >= 0 && value.isEmpty()) {
              throw new DockerfileException("Missing a value on flag: " + a);
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
              values.put(a, "true");
            } else if (lower.equals("true") || lower.equals("false")) {
              values.put(a, lower);
            } else {
              throw new DockerfileException(
                  "Expecting boolean value for flag " + a + ", not: " + value);
            }
          }
          case "string" -> {
            if (eq < 0) {
              throw new DockerfileException("Missing a value on flag: " + a);
            }
            values.put(a, value);
          }
          default -> {
            if (eq < 0) {
              throw new DockerfileException("Missing a value on flag: " + a);
            }
            multi.get(a).add(value);
          }
        }
      }
    }
  }
}
