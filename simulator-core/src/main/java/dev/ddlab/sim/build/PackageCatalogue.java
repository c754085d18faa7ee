package dev.ddlab.sim.build;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.GoBinary;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.programs.GoApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What package managers do to a filesystem, from {@code packages.yaml}: {@code apk add/update},
 * {@code apt-get}/{@code apt update/install/upgrade}, {@code npm install} (the dependencies of
 * package.json), {@code pip install -r}, {@code go mod download} and {@code go build}. Each known
 * command writes representative files (binaries scaled down), declares the bytes the real command
 * leaves (what {@code docker history} reports) and takes virtual time. RUN steps use it for the
 * words it knows ({@link RunStep}); apt-get, apt and apk are also the programs of the images that
 * have them ({@link PackageManagerProgram}), so a package installed in a running container is the
 * same files as one installed by a build.
 */
public final class PackageCatalogue {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final long SCALE = 1024;
  private static JsonNode data;

  /** A line a command printed, on its standard error or output. */
  record Line(String text, boolean err) {}

  /** What a command did: its output lines and the virtual time it took. */
  record Outcome(int exitCode, List<Line> lines, long nanos) {
    /** Every line in the order printed (a build's log shows both streams). */
    List<String> log() {
      return lines.stream().map(Line::text).toList();
    }
  }

  /** The lines a command prints, in order. */
  private static final class Log {
    private final List<Line> lines = new ArrayList<>();

    void out(String text) {
      lines.add(new Line(text, false));
    }

    void err(String text) {
      lines.add(new Line(text, true));
    }

    Outcome exit(int code, long nanos) {
      return new Outcome(code, List.copyOf(lines), nanos);
    }
  }

  private final FileSystem fs;
  private final Map<Content, Long> declared;
  private final long mtime;
  private final String arch;
  private final boolean online;
  private final boolean tty;

  /**
   * A build step's catalogue: the mirrors are reachable, output is not a terminal.
   *
   * @param fs the step's filesystem
   * @param declared the sizes scaled-down contents stand for (filled in here)
   * @param mtime the modification time of written files
   * @param arch the machine the packages are for ("x86_64", "aarch64", "armv7"): another machine's
   *     binaries are other bytes
   */
  PackageCatalogue(FileSystem fs, Map<Content, Long> declared, long mtime, String arch) {
    this(fs, declared, mtime, arch, true, false);
  }

  /**
   * @param online whether the mirrors can be reached (a container with a route out)
   * @param tty whether output goes to a terminal (apt ends its progress lines with "Done")
   */
  PackageCatalogue(
      FileSystem fs,
      Map<Content, Long> declared,
      long mtime,
      String arch,
      boolean online,
      boolean tty) {
    this.fs = fs;
    this.declared = declared;
    this.mtime = mtime;
    this.arch = arch;
    this.online = online;
    this.tty = tty;
  }

  private static synchronized JsonNode data() {
    if (data == null) {
      try (InputStream in = PackageCatalogue.class.getResourceAsStream("packages.yaml")) {
        data = YAML.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }

  /** Whether the words are a command this catalogue knows. */
  static boolean knows(List<String> w) {
    if (w.isEmpty()) {
      return false;
    }
    return switch (w.get(0)) {
      case "apk" -> w.contains("add") || w.contains("update");
      case "apt-get", "apt" -> w.contains("install") || w.contains("update");
      case "npm" -> w.size() > 1 && List.of("install", "i", "ci").contains(w.get(1));
      case "pip", "pip3" -> w.size() > 1 && w.get(1).equals("install");
      case "go" ->
          w.size() > 2 && w.get(1).equals("mod") && w.get(2).equals("download")
              || w.size() > 1 && w.get(1).equals("build");
      default -> false;
    };
  }

  /** Runs a known command (see {@link #knows}) in directory {@code cwd}. */
  Outcome run(List<String> w, String cwd) {
    return switch (w.get(0)) {
      case "apk" -> apk(w);
      case "apt-get", "apt" -> apt(w);
      case "npm" -> npm(cwd);
      case "pip", "pip3" -> pip(w, cwd);
      default -> go(w, cwd);
    };
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1_000_000_000d);
  }

  private JsonNode pkg(String manager, String name) {
    JsonNode p = data().path(manager).path(name);
    if (p.has("alias")) {
      p = data().path(manager).path(p.get("alias").asText());
    }
    return p.isMissingNode() ? null : p;
  }

  private Outcome apk(List<String> w) {
    Log log = new Log();
    String command = firstOperand(w);
    boolean update = "update".equals(command) || w.contains("--update") || w.contains("-U");
    boolean noCache = w.contains("--no-cache");
    if (!"update".equals(command) && !"add".equals(command)) {
      log.err("ERROR: unknown command" + (command == null ? "" : ": " + command));
      return log.exit(1, nanos(0.05));
    }
    String base = "https://dl-cdn.alpinelinux.org/alpine/v3.19/";
    // apk reads the index from its cache; without one (a fresh image) it fetches it, as --update
    boolean fetch = update || noCache || !fs.exists(APK_INDEX);
    long t = 0;
    int unavailable = 0;
    if (fetch) {
      for (String repo : List.of("main", "community")) {
        log.out("fetch " + base + repo + "/" + arch + "/APKINDEX.tar.gz");
        if (!online) {
          log.err("WARNING: fetching " + base + repo + ": DNS lookup error");
          unavailable++;
        }
      }
      t += nanos(online ? 0.9 : 0.1);
      if (online && !noCache) {
        put(APK_INDEX, 2_270_000, null);
      }
    }
    if ("update".equals(command)) {
      if (unavailable > 0) {
        log.out(unavailable + " unavailable, 0 stale; 15 distinct packages available");
      } else {
        JsonNode apk = data().path("apkRepositories");
        apk.path("descriptions").forEach(d -> log.out(d.asText()));
        log.out("OK: " + apk.path("available").asInt() + " distinct packages available");
      }
      return log.exit(unavailable, t);
    }
    List<String> names = operandsAfter(w, "add");
    int i = 0;
    StringBuilder db = new StringBuilder();
    for (String n : names) {
      JsonNode p = unavailable > 0 ? null : pkg("apk", n);
      if (p == null) {
        log.err("ERROR: unable to select packages:");
        log.err("  " + n + " (no such package):");
        log.err("    required by: world[" + n + "]");
        return log.exit(1, t + nanos(0.2));
      }
    }
    for (String n : names) {
      JsonNode p = pkg("apk", n);
      String real = n.equals("nodejs-npm") ? "npm" : n;
      log.out(
          "("
              + ++i
              + "/"
              + names.size()
              + ") Installing "
              + real
              + " ("
              + p.path("version").asText()
              + ")");
      install(p, real);
      t += nanos(p.path("seconds").asDouble(0.5));
      db.append("P:").append(real).append("\nV:").append(p.path("version").asText()).append("\n\n");
    }
    if (!names.isEmpty()) {
      log.out("Executing busybox-1.36.1-r15.trigger");
      log.out("OK: " + (7 + names.size() * 9) + " MiB in " + (15 + names.size()) + " packages");
      append("/lib/apk/db/installed", db.toString());
    }
    return log.exit(0, t);
  }

  /** Where {@code apk update} leaves the index of the main repository. */
  private static final String APK_INDEX = "/var/cache/apk/APKINDEX.00740ba1.tar.gz";

  /** Where dpkg records the files of an installed package. */
  private static String dpkgList(String name) {
    return "/var/lib/dpkg/info/" + name + ".list";
  }

  /**
   * apt-get (or apt, which warns that its interface is not stable) as a Debian or Ubuntu image runs
   * it: {@code update} fetches the distribution's indexes (its sources from {@code packages.yaml},
   * chosen by /etc/os-release), {@code install} finds packages only once the lists exist, and
   * without a network each source fails to resolve, as apt 2.x says it.
   */
  private Outcome apt(List<String> w) {
    Log log = new Log();
    // apt warns scripts, not people at a terminal
    if (w.get(0).equals("apt") && !tty) {
      log.err("");
      log.err("WARNING: apt does not have a stable CLI interface. Use with caution in scripts.");
      log.err("");
    }
    String command = firstOperand(w);
    if (command == null) {
      log.err("E: Invalid operation " + String.join(" ", w.subList(1, w.size())));
      return log.exit(100, 0);
    }
    JsonNode sources = aptSources();
    return switch (command) {
      case "update" -> aptUpdate(log, sources);
      case "install" -> aptInstall(log, sources, w);
      case "upgrade" -> {
        readingLists(log);
        log.out("Calculating upgrade..." + (tty ? " Done" : ""));
        log.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        yield log.exit(0, nanos(0.5));
      }
      default -> {
        log.err("E: Invalid operation " + command);
        yield log.exit(100, 0);
      }
    };
  }

  private Outcome aptUpdate(Log log, JsonNode sources) {
    List<JsonNode> releases = new ArrayList<>();
    sources.path("releases").forEach(releases::add);
    if (!online) {
      // apt retries a name it cannot resolve, then gives each source up
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < releases.size(); i++) {
          log.out("Ign:" + (i + 1) + " " + releaseLine(releases.get(i)));
        }
      }
      for (int i = 0; i < releases.size(); i++) {
        log.out("Err:" + (i + 1) + " " + releaseLine(releases.get(i)));
        log.out("  Temporary failure resolving '" + host(releases.get(i)) + "'");
      }
      log.out("Reading package lists..." + (tty ? " Done" : ""));
      for (JsonNode r : releases) {
        log.err(
            "W: Failed to fetch "
                + r.path("base").asText()
                + "/dists/"
                + r.path("suite").asText()
                + "/InRelease  Temporary failure resolving '"
                + host(r)
                + "'");
      }
      log.err(
          "W: Some index files failed to download. They have been ignored, or old ones used"
              + " instead.");
      return log.exit(0, nanos(0.2 * releases.size()));
    }
    boolean fresh = true;
    for (JsonNode ix : sources.path("indexes")) {
      fresh &= fs.exists("/var/lib/apt/lists/" + ix.path("list").asText());
    }
    if (fresh) {
      // nothing changed on the mirror since the last update: apt fetches nothing
      for (int i = 0; i < releases.size(); i++) {
        log.out("Hit:" + (i + 1) + " " + releaseLine(releases.get(i)));
      }
      log.out("Reading package lists..." + (tty ? " Done" : ""));
      return log.exit(0, nanos(0.2 * releases.size()));
    }
    int n = 0;
    long total = 0;
    for (JsonNode r : releases) {
      log.out(
          "Get:" + ++n + " " + releaseLine(r) + " [" + sizeToStr(r.path("size").asLong()) + "]");
      total += r.path("size").asLong();
    }
    for (JsonNode ix : sources.path("indexes")) {
      log.out(
          "Get:"
              + ++n
              + " "
              + ix.path("base").asText()
              + " "
              + ix.path("suite").asText()
              + "/"
              + ix.path("component").asText()
              + " "
              + debArch()
              + " Packages ["
              + sizeToStr(ix.path("size").asLong())
              + "]");
      total += ix.path("size").asLong();
      put("/var/lib/apt/lists/" + ix.path("list").asText(), ix.path("listSize").asLong(), null);
    }
    double seconds = sources.path("seconds").asDouble();
    long whole = Math.max(1, Math.round(Math.floor(seconds)));
    log.out(
        "Fetched "
            + sizeToStr(total)
            + " in "
            + whole
            + "s ("
            + sizeToStr(Math.round(total / (double) whole))
            + "/s)");
    log.out("Reading package lists..." + (tty ? " Done" : ""));
    return log.exit(0, nanos(seconds));
  }

  private void readingLists(Log log) {
    String done = tty ? " Done" : "";
    log.out("Reading package lists..." + done);
    log.out("Building dependency tree..." + done);
    log.out("Reading state information..." + done);
  }

  private Outcome aptInstall(Log log, JsonNode sources, List<String> w) {
    boolean recommends = !w.contains("--no-install-recommends");
    List<String> names = operandsAfter(w, "install");
    readingLists(log);
    boolean lists = fs.exists("/var/lib/apt/lists") && !fs.list("/var/lib/apt/lists").isEmpty();
    long t = nanos(lists ? 0.6 : 0.4);
    List<JsonNode> found = new ArrayList<>();
    List<String> fresh = new ArrayList<>();
    for (String n : names) {
      JsonNode p = lists ? pkg("apt", n) : null;
      if (p == null) {
        log.err("E: Unable to locate package " + n);
        return log.exit(100, t);
      }
      if (fs.exists(dpkgList(n))) {
        log.out(n + " is already the newest version (" + aptVersion(p) + ").");
      } else {
        found.add(p);
        fresh.add(n);
      }
    }
    if (names.isEmpty()) {
      log.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
      return log.exit(0, t);
    }
    if (!fresh.isEmpty()) {
      log.out("The following NEW packages will be installed:");
      log.out("  " + String.join(" ", fresh));
    }
    log.out("0 upgraded, " + fresh.size() + " newly installed, 0 to remove and 0 not upgraded.");
    if (fresh.isEmpty()) {
      return log.exit(0, t);
    }
    double extra = recommends ? data().path("aptRecommends").asDouble(0) : 0;
    long download = 0;
    long installed = 0;
    for (JsonNode p : found) {
      download += archive(p);
      installed += p.path("size").asLong();
    }
    log.out("Need to get " + sizeToStr(download) + " of archives.");
    log.out(
        "After this operation, "
            + sizeToStr(installed)
            + " of additional disk space will be used.");
    String pool = sources.path("pool").asText();
    for (int i = 0; i < found.size(); i++) {
      JsonNode p = found.get(i);
      log.out(
          "Get:"
              + (i + 1)
              + " "
              + pool
              + " "
              + debArch()
              + " "
              + fresh.get(i)
              + " "
              + debArch()
              + " "
              + aptVersion(p)
              + " ["
              + sizeToStr(archive(p))
              + "]");
    }
    log.out("Fetched " + sizeToStr(download) + " in 0s (" + sizeToStr(download * 4) + "/s)");
    for (int i = 0; i < found.size(); i++) {
      JsonNode p = found.get(i);
      String n = fresh.get(i);
      String v = aptVersion(p);
      log.out("Selecting previously unselected package " + n + ".");
      if (i == 0) {
        log.out(
            "(Reading database ... "
                + sources.path("files").asInt()
                + " files and directories currently installed.)");
      }
      log.out(
          "Preparing to unpack .../"
              + n
              + "_"
              + v.replace(":", "%3a")
              + "_"
              + debArch()
              + ".deb ...");
      log.out("Unpacking " + n + " (" + v + ") ...");
    }
    for (int i = 0; i < found.size(); i++) {
      JsonNode p = found.get(i);
      String n = fresh.get(i);
      install(p, n);
      if (extra > 0) {
        put(
            "/usr/share/doc/" + n + "/recommended",
            Math.round(p.path("size").asLong() * extra),
            null);
      }
      text(dpkgList(n), files(p));
      t += nanos(p.path("seconds").asDouble(1) * (1 + extra));
      log.out("Setting up " + n + " (" + aptVersion(p) + ") ...");
    }
    return log.exit(0, t);
  }

  /** The sources of the distribution the filesystem is (/etc/os-release's ID; Debian's else). */
  private JsonNode aptSources() {
    JsonNode all = data().path("aptSources");
    JsonNode own = all.path(osRelease("ID"));
    return own.isMissingNode() ? all.path("debian") : own;
  }

  private String aptVersion(JsonNode p) {
    return p.path(osRelease("ID")).asText(p.path("version").asText());
  }

  /** The size of a package's .deb: what its Get line shows ({@code archive}, else a third). */
  private static long archive(JsonNode p) {
    return p.path("archive").asLong(p.path("size").asLong() / 3);
  }

  private static String files(JsonNode p) {
    StringBuilder b = new StringBuilder();
    for (JsonNode f : p.path("files")) {
      for (String k : List.of("binary", "file", "symlink")) {
        if (f.has(k)) {
          b.append(f.get(k).asText()).append('\n');
        }
      }
    }
    return b.toString();
  }

  private String osRelease(String key) {
    try {
      for (String line :
          new String(fs.read("/etc/os-release"), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1).replace("\"", "");
        }
      }
    } catch (FsException e) {
      // no os-release: Debian's sources
    }
    return "";
  }

  /** dpkg's name of the machine. */
  private String debArch() {
    return switch (arch) {
      case "aarch64" -> "arm64";
      case "armv7" -> "armhf";
      default -> "amd64";
    };
  }

  private static String releaseLine(JsonNode r) {
    return r.path("base").asText() + " " + r.path("suite").asText() + " InRelease";
  }

  private static String host(JsonNode r) {
    return java.net.URI.create(r.path("base").asText()).getHost();
  }

  /**
   * apt's SizeToStr: powers of 1000, one decimal below 100 of a unit, none from there to 10000,
   * then the next unit ("7932 B", "76.8 kB", "280 kB", "17.5 MB").
   */
  static String sizeToStr(long bytes) {
    double size = bytes;
    String[] units = {"", "k", "M", "G", "T"};
    for (int i = 0; i < units.length; i++) {
      if (size < 100 && i != 0) {
        return String.format(java.util.Locale.ROOT, "%.1f %sB", size, units[i]);
      }
      if (size < 10000 || i == units.length - 1) {
        return String.format(java.util.Locale.ROOT, "%.0f %sB", size, units[i]);
      }
      size /= 1000;
    }
    throw new AssertionError();
  }

  /** The first word after the command that is not an option (apt's and apk's command). */
  private static String firstOperand(List<String> w) {
    for (String a : w.subList(1, w.size())) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  private static List<String> operandsAfter(List<String> w, String command) {
    List<String> names = new ArrayList<>();
    for (String a : w.subList(w.indexOf(command) + 1, w.size())) {
      if (!a.startsWith("-")) {
        names.add(a);
      }
    }
    return names;
  }

  private Outcome npm(String cwd) {
    Log log = new Log();
    String pj = Paths.resolve(cwd, "package.json");
    if (!fs.exists(pj)) {
      log.err("npm ERR! code ENOENT");
      log.err("npm ERR! syscall open");
      log.err("npm ERR! path " + pj);
      log.err("npm ERR! errno -2");
      log.err("npm ERR! enoent ENOENT: no such file or directory, open '" + pj + "'");
      return log.exit(254, nanos(0.4));
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(fs.read(pj));
    } catch (IOException | FsException e) {
      log.err("npm ERR! code EJSONPARSE");
      return log.exit(1, nanos(0.3));
    }
    Map<String, String> deps = new LinkedHashMap<>();
    json.path("dependencies")
        .fields()
        .forEachRemaining(e -> deps.put(e.getKey(), e.getValue().asText()));
    json.path("devDependencies")
        .fields()
        .forEachRemaining(e -> deps.put(e.getKey(), e.getValue().asText()));
    JsonNode npm = data().path("npm");
    int packages = 0;
    for (Map.Entry<String, String> d : deps.entrySet()) {
      JsonNode p = npm.has(d.getKey()) ? npm.get(d.getKey()) : npm.get("default");
      String dir = Paths.resolve(cwd, "node_modules/" + d.getKey());
      text(
          dir + "/package.json",
          "{\n  \"name\": \""
              + d.getKey()
              + "\",\n  \"version\": \""
              + d.getValue().replaceAll("^[\\^~]", "")
              + "\"\n}\n");
      put(dir + "/index.js", p.path("size").asLong(), null);
      packages += p.path("packages").asInt(1);
    }
    text(
        Paths.resolve(cwd, "package-lock.json"),
        "{\n  \"name\": \""
            + json.path("name").asText("app")
            + "\",\n  \"lockfileVersion\": 3\n}\n");
    double seconds = npm.path("seconds").asDouble(3) * Math.max(1, deps.size()) / 2;
    log.out("");
    log.out(
        "added "
            + packages
            + " packages, and audited "
            + (packages + 1)
            + " packages in "
            + Math.max(1, Math.round(seconds))
            + "s");
    log.out("");
    log.out("found 0 vulnerabilities");
    return log.exit(0, nanos(seconds));
  }

  private Outcome pip(List<String> w, String cwd) {
    Log log = new Log();
    String lib = pythonLib();
    if (w.size() < 2 || !w.get(1).equals("install")) {
      String first = w.size() < 2 ? "" : w.get(1);
      if (first.equals("--version") || first.equals("-V")) {
        String minor = Paths.name(lib).substring("python".length());
        log.out("pip 23.3.2 from " + lib + "/site-packages/pip (python " + minor + ")");
        return log.exit(0, 0);
      }
      if (first.isEmpty() || first.startsWith("-")) {
        log.err("pip: '" + String.join(" ", w) + "' is not simulated by ddlab");
        return log.exit(126, 0);
      }
      if (List.of("list", "freeze", "show", "uninstall", "download", "help", "check", "config")
          .contains(first)) {
        log.err("pip: 'pip " + first + "' is not simulated by ddlab");
        return log.exit(126, 0);
      }
      log.err("ERROR: unknown command \"" + first + "\"");
      return log.exit(1, 0);
    }
    List<String> reqs = new ArrayList<>();
    for (int i = 2; i < w.size(); i++) {
      String a = w.get(i);
      if ((a.equals("-r") || a.equals("--requirement")) && i + 1 < w.size()) {
        String file = Paths.resolve(cwd, w.get(++i));
        if (!fs.exists(file)) {
          log.err(
              "ERROR: Could not open requirements file: [Errno 2] No such file or directory: '"
                  + w.get(i)
                  + "'");
          return log.exit(1, nanos(0.5));
        }
        for (String line : new String(fs.read(file), StandardCharsets.UTF_8).split("\n")) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            reqs.add(l);
          }
        }
      } else if (!a.startsWith("-")) {
        reqs.add(a);
      }
    }
    JsonNode pip = data().path("pip");
    List<String> names = new ArrayList<>();
    for (String r : reqs) {
      String name = r.split("[=<>~! \\[]", 2)[0].toLowerCase(java.util.Locale.ROOT);
      JsonNode p = pip.has(name) ? pip.get(name) : pip.get("default");
      log.out("Collecting " + r);
      put(lib + "/site-packages/" + name + "/__init__.py", p.path("size").asLong(), null);
      String python = Paths.parent(Paths.parent(lib)) + "/bin/python3";
      for (JsonNode script : p.path("scripts")) {
        String path = Paths.parent(Paths.parent(lib)) + "/bin/" + script.path("name").asText();
        fs.mkdir(Paths.parent(path), true);
        String text = "#!" + python + "\n" + script.path("text").asText();
        fs.install(path, Entry.file(0755, Content.text(text), null, mtime));
      }
      names.add(name);
    }
    log.out("Installing collected packages: " + String.join(", ", names));
    log.out("Successfully installed " + String.join(" ", names));
    return log.exit(0, nanos(pip.path("seconds").asDouble(4)));
  }

  /**
   * The image's Python library directory, where pip installs: the official images' {@code
   * /usr/local/lib/python3.N}, else the distribution's {@code /usr/lib/python3.N}.
   */
  private String pythonLib() {
    for (String root : List.of("/usr/local/lib", "/usr/lib")) {
      if (fs.isDirectory(root)) {
        for (String name : fs.list(root)) {
          if (name.matches("python3\\.\\d+") && fs.isDirectory(root + "/" + name)) {
            return root + "/" + name;
          }
        }
      }
    }
    return "/usr/lib/python3.11";
  }

  private Outcome go(List<String> w, String cwd) {
    JsonNode go = data().path("go");
    Log log = new Log();
    if (w.get(1).equals("mod")) {
      if (!fs.exists(Paths.resolve(cwd, "go.mod"))) {
        log.out(
            "go: go.mod file not found in current directory or any parent directory; see 'go help modules'");
        return log.exit(1, nanos(0.1));
      }
      JsonNode m = go.path("modDownload");
      put("/go/pkg/mod/cache/download/modules.zip", m.path("size").asLong(), null);
      return log.exit(0, nanos(m.path("seconds").asDouble()));
    }
    String out = null;
    String pkg = ".";
    for (int i = 2; i < w.size(); i++) {
      if (w.get(i).equals("-o") && i + 1 < w.size()) {
        out = w.get(++i);
      } else if (!w.get(i).startsWith("-")) {
        pkg = w.get(i);
      }
    }
    String dir = Paths.resolve(cwd, pkg);
    if (!fs.isDirectory(dir)) {
      log.out("stat " + dir + ": directory not found");
      return log.exit(1, nanos(0.2));
    }
    if (out == null) {
      out = Paths.name(dir);
    }
    String target = Paths.resolve(cwd, out);
    JsonNode b = go.path("build");
    long size = b.path(Paths.name(target)).asLong(b.path("default").asLong());
    fs.mkdir(Paths.parent(target), true);
    List<String> sources = new ArrayList<>();
    for (String name : fs.list(dir)) {
      if (name.endsWith(".go") && !fs.isDirectory(dir + "/" + name)) {
        sources.add(new String(fs.read(dir + "/" + name), StandardCharsets.UTF_8));
      }
    }
    // the binary carries what the simulated program needs of its source (GoApp)
    Content content = Content.of(GoApp.link(sources, Math.max(1, size / SCALE)));
    fs.install(target, Entry.file(0755, content, GoBinary.PROGRAM, mtime));
    declared.put(content, size);
    return log.exit(0, nanos(b.path("seconds").asDouble()));
  }

  private void install(JsonNode p, String name) {
    List<JsonNode> files = new ArrayList<>();
    p.path("files").forEach(files::add);
    long total = p.path("size").asLong();
    long binaries = files.stream().filter(f -> f.has("binary")).count();
    long each = binaries == 0 ? 0 : total / binaries;
    for (JsonNode f : files) {
      if (f.has("binary")) {
        put(f.get("binary").asText(), each, f.has("program") ? f.get("program").asText() : null);
      } else if (f.has("file")) {
        fs.mkdir(Paths.parent(f.get("file").asText()), true);
        int mode = Integer.parseInt(f.path("mode").asText("0644"), 8);
        fs.install(
            f.get("file").asText(),
            Entry.file(
                mode,
                Content.text(f.path("text").asText("")),
                f.has("program") ? f.get("program").asText() : null,
                mtime));
      } else if (f.has("symlink")) {
        String link = f.get("symlink").asText();
        fs.mkdir(Paths.parent(link), true);
        if (fs.lstat(link).isPresent()) {
          fs.remove(link, false);
        }
        fs.symlink(f.get("target").asText(), link);
      }
    }
    if (binaries == 0) {
      put("/usr/share/" + name + "/data", total, null);
    }
  }

  /** A file standing for {@code size} bytes, its content scaled down. */
  private void put(String path, long size, String program) {
    fs.mkdir(Paths.parent(path), true);
    long real = Math.max(1, size / SCALE);
    long machine = arch.equals("x86_64") ? 0 : arch.hashCode(); // amd64's bytes as they were
    Content content = Content.synthetic(real, path.hashCode() * 31L + size + machine);
    fs.install(path, Entry.file(program == null ? 0644 : 0755, content, program, mtime));
    declared.put(content, size);
  }

  private void text(String path, String text) {
    fs.mkdir(Paths.parent(path), true);
    fs.install(path, Entry.file(0644, Content.text(text), null, mtime));
  }

  private void append(String path, String text) {
    fs.mkdir(Paths.parent(path), true);
    fs.write(path, text.getBytes(StandardCharsets.UTF_8), fs.exists(path));
  }

  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:&&|;)\\s*");

  /**
   * Splits "a && b ; c" at top level; null when the text has quotes or {@code ||}. A part with
   * other shell syntax (a pipe, a redirection) still goes to the catalogue when its first words are
   * a package manager's: see docs/design/build.md, "Not done yet".
   */
  static List<String> split(String command) {
    if (command.contains("'") || command.contains("\"") || command.contains("||")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    Matcher m = LIST_SEPARATOR.matcher(command);
    int from = 0;
    while (m.find()) {
      parts.add(command.substring(from, m.start()).strip());
      from = m.end();
    }
    parts.add(command.substring(from).strip());
    parts.removeIf(String::isEmpty);
    return parts;
  }
}
