package dev.ddlab.grader.check;

import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates the declarative checks of {@code docs/labs.md} against a {@link LabState}: state
 * predicates read what the engine answers now, transcript matchers read the commands typed so far
 * (parsed with the docker CLI grammar), and {@code java:} checks go to a {@link JavaCheck}.
 */
public final class CheckEvaluator {
  private final CommandParser parser;
  private final JavaCheck javaCheck;

  public CheckEvaluator(CommandParser parser, JavaCheck javaCheck) {
    this.parser = Objects.requireNonNull(parser);
    this.javaCheck = javaCheck;
  }

  public CheckOutcome evaluate(CheckSpec c, LabState state) {
    String node = c.node() != null ? c.node() : state.nodes().get(0);
    return switch (Objects.requireNonNull(c.kind(), "invalid check")) {
      case "container" -> container(c, state, node);
      case "image" -> image(c, state, node);
      case "file" -> file(c, state, node);
      case "network" -> network(c, state, node);
      case "volume" -> volume(c, state, node);
      case "swarm" -> SwarmChecks.swarm(c, state.swarm(c.swarm()));
      case "service" -> SwarmChecks.service(c, state, node);
      case "tasks" -> SwarmChecks.tasks(c, state, node);
      case "swarmNode" -> SwarmChecks.swarmNode(c, state, node);
      case "containers" -> count(c, countContainers(c.containers(), state, node), "containers");
      case "images" -> count(c, countImages(c.images(), state, node), "images");
      case "ran" -> ran(c, state.transcript());
      case "output" -> output(c, state.transcript());
      case "order" -> order(c, state.transcript());
      case "java" ->
          javaCheck == null
              ? CheckOutcome.fail("java checks are not available here")
              : javaCheck.evaluate(c.java(), state);
      default -> throw new IllegalArgumentException(c.kind());
    };
  }

  // ---- state predicates

  private CheckOutcome container(CheckSpec c, LabState state, String node) {
    Optional<ContainerView> found = state.container(node, c.container());
    Optional<CheckOutcome> decided =
        CheckOutcome.existence(found.isPresent(), c.exists(), "container " + c.container());
    if (decided.isPresent()) {
      return decided.get();
    }
    ContainerView v = found.get();
    List<String> problems = new ArrayList<>();
    expect(problems, "status", c.status(), v.status());
    if (c.exitCode() != null && c.exitCode() != v.exitCode()) {
      problems.add("exit code is " + v.exitCode() + ", expected " + c.exitCode());
    }
    expect(problems, "restart policy", c.restartPolicy(), v.restartPolicy());
    if (c.restartCount() != null && v.restartCount() < c.restartCount()) {
      problems.add(
          "restart count is " + v.restartCount() + ", expected at least " + c.restartCount());
    }
    if (c.ancestor() != null) {
      Optional<ImageView> img = state.image(node, c.ancestor());
      if (img.isEmpty() || !img.get().id().equals(v.imageId())) {
        problems.add("image is " + v.image() + ", expected " + c.ancestor());
      }
    }
    for (String p : nz(c.publishes())) {
      String want = p.contains("/") ? p : p + "/tcp";
      if (!v.ports().contains(want)) {
        problems.add("does not publish " + want + " (publishes " + v.ports() + ")");
      }
    }
    for (String e : nz(c.env())) {
      if (!v.env().contains(e)) {
        problems.add("env lacks " + e);
      }
    }
    for (String m : nz(c.mounts())) {
      if (!v.mounts().contains(m)) {
        problems.add("nothing mounted at " + m);
      }
    }
    expect(problems, "cmd", c.cmd(), v.cmd());
    expect(problems, "entrypoint", c.entrypoint(), v.entrypoint());
    return CheckOutcome.of(problems);
  }

  private CheckOutcome image(CheckSpec c, LabState state, String node) {
    Optional<ImageView> found = state.image(node, c.image());
    Optional<CheckOutcome> decided =
        CheckOutcome.existence(found.isPresent(), c.exists(), "image " + c.image());
    if (decided.isPresent()) {
      return decided.get();
    }
    ImageView v = found.get();
    List<String> problems = new ArrayList<>();
    for (String t : nz(c.tags())) {
      String want = withTag(t);
      if (v.tags().stream().map(CheckEvaluator::withTag).noneMatch(want::equals)) {
        problems.add("not tagged " + want + " (tags " + v.tags() + ")");
      }
    }
    if (c.sameAs() != null) {
      Optional<ImageView> other = state.image(node, c.sameAs());
      if (other.isEmpty() || !other.get().id().equals(v.id())) {
        problems.add("is not the same image as " + c.sameAs());
      }
    }
    if (c.layers() != null && v.layers().size() != c.layers()) {
      problems.add("has " + v.layers().size() + " layers, expected " + c.layers());
    }
    if (c.labels() != null) {
      c.labels()
          .forEach(
              (k, val) -> {
                if (!val.equals(v.labels().get(k))) {
                  problems.add("label " + k + " is " + v.labels().get(k) + ", expected " + val);
                }
              });
    }
    if (c.minSize() != null && v.size() < c.minSize()) {
      problems.add("is " + v.size() + " bytes, expected at least " + c.minSize());
    }
    if (c.maxSize() != null && v.size() > c.maxSize()) {
      problems.add("is " + v.size() + " bytes, expected at most " + c.maxSize());
    }
    if (c.digest() != null && c.digest() == v.digests().isEmpty()) {
      problems.add(c.digest() ? "has no repo digest" : "has a repo digest");
    }
    expect(problems, "cmd", c.cmd(), v.cmd());
    expect(problems, "entrypoint", c.entrypoint(), v.entrypoint());
    return CheckOutcome.of(problems);
  }

  /** "alpine" → "alpine:latest"; digests and explicit tags unchanged. */
  static String withTag(String ref) {
    int slash = ref.lastIndexOf('/');
    String last = ref.substring(slash + 1);
    return last.contains(":") || ref.contains("@") ? ref : ref + ":latest";
  }

  private CheckOutcome file(CheckSpec c, LabState state, String node) {
    Optional<String> text =
        c.in() == null
            ? state.hostFile(node, c.file())
            : state.containerFile(node, c.in(), c.file());
    String where = c.in() == null ? "host" : "container " + c.in();
    boolean wantExists = c.exists() == null || c.exists();
    if (text.isEmpty()) {
      return wantExists
          ? CheckOutcome.fail("no file " + c.file() + " in " + where)
          : CheckOutcome.PASS;
    }
    if (!wantExists) {
      return CheckOutcome.fail("file " + c.file() + " still exists in " + where);
    }
    if (c.contains() != null && !text.get().contains(c.contains())) {
      return CheckOutcome.fail(c.file() + " does not contain \"" + c.contains() + "\"");
    }
    return CheckOutcome.PASS;
  }

  private CheckOutcome network(CheckSpec c, LabState state, String node) {
    Optional<String> driver = state.networkDriver(node, c.network());
    boolean wantExists = c.exists() == null || c.exists();
    if (driver.isEmpty() != !wantExists) {
      return CheckOutcome.fail(
          wantExists ? "no network " + c.network() : "network " + c.network() + " still exists");
    }
    if (wantExists && c.driver() != null && !c.driver().equals(driver.get())) {
      return CheckOutcome.fail("driver is " + driver.get() + ", expected " + c.driver());
    }
    return CheckOutcome.PASS;
  }

  private CheckOutcome volume(CheckSpec c, LabState state, String node) {
    boolean wantExists = c.exists() == null || c.exists();
    boolean exists = state.volumeExists(node, c.volume());
    return exists == wantExists
        ? CheckOutcome.PASS
        : CheckOutcome.fail(
            wantExists ? "no volume " + c.volume() : "volume " + c.volume() + " still exists");
  }

  private static CheckOutcome count(CheckSpec c, int n, String what) {
    if (c.count() != null && n != c.count()) {
      return CheckOutcome.fail(n + " " + what + ", expected " + c.count());
    }
    if (c.min() != null && n < c.min()) {
      return CheckOutcome.fail(n + " " + what + ", expected at least " + c.min());
    }
    if (c.max() != null && n > c.max()) {
      return CheckOutcome.fail(n + " " + what + ", expected at most " + c.max());
    }
    return CheckOutcome.PASS;
  }

  /** Docker-style filters: "all", "status=exited", "name=web", "ancestor=alpine" (comma = and). */
  private static int countContainers(String filter, LabState state, String node) {
    Predicate<ContainerView> p = v -> true;
    for (String[] kv : filters(filter)) {
      String value = kv[1];
      p =
          p.and(
              switch (kv[0]) {
                case "status" -> v -> v.status().equals(value);
                case "name" -> v -> v.name().contains(value);
                case "ancestor" ->
                    v ->
                        v.image().equals(value)
                            || state
                                .image(node, value)
                                .map(i -> i.id().equals(v.imageId()))
                                .orElse(false);
                default -> throw new IllegalArgumentException("unknown container filter " + kv[0]);
              });
    }
    return (int) state.containers(node).stream().filter(p).count();
  }

  /** "all", "dangling=true|false", "reference=pattern" (path.Match globs, as docker images). */
  private static int countImages(String filter, LabState state, String node) {
    Predicate<ImageView> p = v -> true;
    for (String[] kv : filters(filter)) {
      String value = kv[1];
      p =
          p.and(
              switch (kv[0]) {
                case "dangling" -> v -> v.tags().isEmpty() == Boolean.parseBoolean(value);
                case "reference" -> {
                  Pattern glob = glob(value);
                  yield v ->
                      v.tags().stream()
                          .anyMatch(
                              t ->
                                  glob.matcher(t).matches()
                                      || glob.matcher(t.substring(0, t.lastIndexOf(':')))
                                          .matches());
                }
                default -> throw new IllegalArgumentException("unknown image filter " + kv[0]);
              });
    }
    return (int) state.images(node).stream().filter(p).count();
  }

  private static List<String[]> filters(String filter) {
    List<String[]> out = new ArrayList<>();
    if (filter == null || filter.isBlank() || filter.equals("all")) {
      return out;
    }
    for (String part : filter.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("bad filter " + part);
      }
      out.add(new String[] {part.substring(0, eq).strip(), part.substring(eq + 1).strip()});
    }
    return out;
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char ch : g.toCharArray()) {
      switch (ch) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  // ---- transcript matchers

  private CheckOutcome ran(CheckSpec c, List<CommandView> transcript) {
    Optional<ParsedCommand> pattern = parser.parse(words(c.ran()));
    if (pattern.isEmpty()) {
      return CheckOutcome.fail("lab error: cannot parse " + c.ran());
    }
    for (CommandView entry : transcript) {
      if (c.exitCode() != null && entry.exitCode() != c.exitCode()) {
        continue;
      }
      for (List<String> cmd : CommandLines.commands(entry.command())) {
        Optional<ParsedCommand> typed = parser.parse(cmd);
        if (typed.isPresent()
            && includes(typed.get(), pattern.get())
            && flagsMatch(typed.get(), c.flags())
            && argsMatch(typed.get(), c.args())) {
          return CheckOutcome.PASS;
        }
      }
    }
    return CheckOutcome.fail("no command matching " + c.ran() + flagsText(c));
  }

  private static String flagsText(CheckSpec c) {
    return (c.flags() == null ? "" : " " + c.flags()) + (c.args() == null ? "" : " " + c.args());
  }

  /** The typed command is the pattern's command and has at least the pattern's options and args. */
  private static boolean includes(ParsedCommand typed, ParsedCommand pattern) {
    if (!typed.path().equals(pattern.path())) {
      return false;
    }
    for (Map.Entry<String, List<String>> o : pattern.options().entrySet()) {
      List<String> have = typed.options().get(o.getKey());
      if (have == null || !have.containsAll(o.getValue())) {
        return false;
      }
    }
    return subsequence(pattern.positionals(), typed.positionals());
  }

  /** Whether every word of {@code want} appears in {@code have}, in the same order. */
  private static boolean subsequence(List<String> want, List<String> have) {
    int i = 0;
    for (String h : have) {
      if (i < want.size() && want.get(i).equals(h)) {
        i++;
      }
    }
    return i == want.size();
  }

  private static boolean flagsMatch(ParsedCommand typed, Map<String, Object> flags) {
    if (flags == null) {
      return true;
    }
    for (Map.Entry<String, Object> f : flags.entrySet()) {
      List<String> have = typed.options().get(f.getKey());
      Object want = f.getValue();
      if (want instanceof Boolean b) {
        if (b != (have != null)) {
          return false;
        }
      } else if (want instanceof List<?> list) {
        if (have == null || !have.containsAll(list.stream().map(String::valueOf).toList())) {
          return false;
        }
      } else if (have == null || !have.contains(String.valueOf(want))) {
        return false;
      }
    }
    return true;
  }

  private static boolean argsMatch(ParsedCommand typed, List<String> args) {
    if (args == null) {
      return true;
    }
    return subsequence(args, typed.positionals());
  }

  private CheckOutcome output(CheckSpec c, List<CommandView> transcript) {
    Optional<ParsedCommand> after =
        c.after() == null ? Optional.empty() : parser.parse(words(c.after()));
    for (CommandView entry : transcript) {
      if (c.after() != null) {
        List<List<String>> cmds = CommandLines.commands(entry.command());
        boolean matches =
            after.isPresent()
                ? cmds.stream()
                    .map(parser::parse)
                    .anyMatch(t -> t.isPresent() && includes(t.get(), after.get()))
                : entry.command().strip().startsWith(c.after());
        if (!matches) {
          continue;
        }
      }
      if (entry.output().contains(c.output())) {
        return CheckOutcome.PASS;
      }
    }
    return CheckOutcome.fail(
        "no output containing \""
            + c.output()
            + "\""
            + (c.after() == null ? "" : " after " + c.after()));
  }

  private CheckOutcome order(CheckSpec c, List<CommandView> transcript) {
    List<ParsedCommand> patterns = new ArrayList<>();
    for (String o : c.order()) {
      Optional<ParsedCommand> p = parser.parse(words(o));
      if (p.isEmpty()) {
        return CheckOutcome.fail("lab error: cannot parse " + o);
      }
      patterns.add(p.get());
    }
    int next = 0;
    for (CommandView entry : transcript) {
      for (List<String> cmd : CommandLines.commands(entry.command())) {
        Optional<ParsedCommand> typed = parser.parse(cmd);
        if (next < patterns.size()
            && typed.isPresent()
            && includes(typed.get(), patterns.get(next))) {
          next++;
        }
      }
    }
    return next == patterns.size()
        ? CheckOutcome.PASS
        : CheckOutcome.fail("did not run, in this order: " + String.join(", then ", c.order()));
  }

  private static List<String> words(String text) {
    List<List<String>> cmds = CommandLines.commands(text);
    return cmds.isEmpty() ? List.of() : cmds.get(0);
  }

  static void expect(List<String> problems, String what, Object want, Object have) {
    if (want != null && !want.equals(have)) {
      problems.add(what + " is " + have + ", expected " + want);
    }
  }

  private static <T> List<T> nz(List<T> l) {
    return l == null ? List.of() : l;
  }
}
