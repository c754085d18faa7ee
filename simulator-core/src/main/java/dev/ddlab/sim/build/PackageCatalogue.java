package dev.ddlab.sim.build;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.fs.UnionFs;
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
 * What RUN's package managers do to a step's filesystem, from {@code packages.yaml}: {@code apk
 * add}, {@code apt-get update/install [--no-install-recommends]}, {@code npm install} (the
 * dependencies of package.json), {@code pip install -r}, {@code go mod download} and {@code go
 * build}. Each known command writes representative files (binaries scaled down), declares the bytes
 * the real command leaves (what {@code docker history} reports) and takes virtual time; anything
 * else runs in the image's shell.
 */
final class PackageCatalogue {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final long SCALE = 1024;
  private static JsonNode data;

  /** What a command did: its output lines and the virtual time it took. */
  record Outcome(int exitCode, List<String> log, long nanos) {}

  private final UnionFs fs;
  private final Map<Content, Long> declared;
  private final long mtime;
  private final String arch;

  /**
   * @param fs the step's filesystem
   * @param declared the sizes scaled-down contents stand for (filled in here)
   * @param mtime the modification time of written files
   * @param arch the machine the packages are for ("x86_64", "aarch64", "armv7"): another machine's
   *     binaries are other bytes
   */
  PackageCatalogue(UnionFs fs, Map<Content, Long> declared, long mtime, String arch) {
    this.fs = fs;
    this.declared = declared;
    this.mtime = mtime;
    this.arch = arch;
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
      case "apk" -> apk(w, arch);
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

  private Outcome apk(List<String> w, String arch) {
    List<String> log = new ArrayList<>();
    boolean update = w.contains("update") || w.contains("--update") || w.contains("-U");
    boolean noCache = w.contains("--no-cache");
    String base = "https://dl-cdn.alpinelinux.org/alpine/v3.19/";
    long t = 0;
    if (update || noCache) {
      log.add("fetch " + base + "main/" + arch + "/APKINDEX.tar.gz");
      log.add("fetch " + base + "community/" + arch + "/APKINDEX.tar.gz");
      t += nanos(0.9);
      if (!noCache) {
        put("/var/cache/apk/APKINDEX.00740ba1.tar.gz", 2_270_000, null);
      }
    }
    List<String> names = new ArrayList<>();
    int add = w.indexOf("add");
    if (add >= 0) {
      for (String a : w.subList(add + 1, w.size())) {
        if (!a.startsWith("-")) {
          names.add(a);
        }
      }
    }
    int i = 0;
    StringBuilder db = new StringBuilder();
    for (String n : names) {
      JsonNode p = pkg("apk", n);
      if (p == null) {
        log.add("ERROR: unable to select packages:");
        log.add("  " + n + " (no such package):");
        log.add("    required by: world[" + n + "]");
        return new Outcome(1, log, t + nanos(0.2));
      }
      String real = n.equals("nodejs-npm") ? "npm" : n;
      log.add(
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
      log.add("Executing busybox-1.36.1-r15.trigger");
      log.add("OK: " + (7 + names.size() * 9) + " MiB in " + (15 + names.size()) + " packages");
      append("/lib/apk/db/installed", db.toString());
    }
    return new Outcome(0, log, t);
  }

  private Outcome apt(List<String> w) {
    List<String> log = new ArrayList<>();
    if (w.contains("update")) {
      log.add("Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]");
      log.add("Get:2 http://deb.debian.org/debian bookworm/main amd64 Packages [8788 kB]");
      log.add("Fetched 8939 kB in 2s (4470 kB/s)");
      log.add("Reading package lists...");
      put(
          "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
          19_800_000,
          null);
      return new Outcome(0, log, nanos(2.3));
    }
    boolean recommends = !w.contains("--no-install-recommends");
    List<String> names = new ArrayList<>();
    for (String a : w.subList(w.indexOf("install") + 1, w.size())) {
      if (!a.startsWith("-")) {
        names.add(a);
      }
    }
    if (!fs.exists("/var/lib/apt/lists") || fs.list("/var/lib/apt/lists").isEmpty()) {
      log.add("Reading package lists...");
      log.add("Building dependency tree...");
      log.add("Reading state information...");
      log.add("E: Unable to locate package " + (names.isEmpty() ? "" : names.get(0)));
      return new Outcome(100, log, nanos(0.4));
    }
    log.add("Reading package lists...");
    log.add("Building dependency tree...");
    log.add("Reading state information...");
    long t = nanos(0.6);
    double extra = recommends ? data().path("aptRecommends").asDouble(0) : 0;
    for (String n : names) {
      JsonNode p = pkg("apt", n);
      if (p == null) {
        log.add("E: Unable to locate package " + n);
        return new Outcome(100, log, t);
      }
      install(p, n);
      if (extra > 0) {
        put(
            "/usr/share/doc/" + n + "/recommended",
            Math.round(p.path("size").asLong() * extra),
            null);
      }
      t += nanos(p.path("seconds").asDouble(1) * (1 + extra));
      log.add("Setting up " + n + " (" + p.path("version").asText() + ") ...");
    }
    return new Outcome(0, log, t);
  }

  private Outcome npm(String cwd) {
    List<String> log = new ArrayList<>();
    String pj = Paths.resolve(cwd, "package.json");
    if (!fs.exists(pj)) {
      log.add("npm ERR! code ENOENT");
      log.add("npm ERR! syscall open");
      log.add("npm ERR! path " + pj);
      log.add("npm ERR! errno -2");
      log.add("npm ERR! enoent ENOENT: no such file or directory, open '" + pj + "'");
      return new Outcome(254, log, nanos(0.4));
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(fs.read(pj));
    } catch (IOException | FsException e) {
      log.add("npm ERR! code EJSONPARSE");
      return new Outcome(1, log, nanos(0.3));
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
    log.add("");
    log.add(
        "added "
            + packages
            + " packages, and audited "
            + (packages + 1)
            + " packages in "
            + Math.max(1, Math.round(seconds))
            + "s");
    log.add("");
    log.add("found 0 vulnerabilities");
    return new Outcome(0, log, nanos(seconds));
  }

  private Outcome pip(List<String> w, String cwd) {
    List<String> log = new ArrayList<>();
    List<String> reqs = new ArrayList<>();
    for (int i = 2; i < w.size(); i++) {
      String a = w.get(i);
      if ((a.equals("-r") || a.equals("--requirement")) && i + 1 < w.size()) {
        String file = Paths.resolve(cwd, w.get(++i));
        if (!fs.exists(file)) {
          log.add(
              "ERROR: Could not open requirements file: [Errno 2] No such file or directory: '"
                  + w.get(i)
                  + "'");
          return new Outcome(1, log, nanos(0.5));
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
      log.add("Collecting " + r);
      put(
          "/usr/local/lib/python3.11/site-packages/" + name + "/__init__.py",
          p.path("size").asLong(),
          null);
      names.add(name);
    }
    log.add("Installing collected packages: " + String.join(", ", names));
    log.add("Successfully installed " + String.join(" ", names));
    return new Outcome(0, log, nanos(pip.path("seconds").asDouble(4)));
  }

  private Outcome go(List<String> w, String cwd) {
    JsonNode go = data().path("go");
    List<String> log = new ArrayList<>();
    if (w.get(1).equals("mod")) {
      if (!fs.exists(Paths.resolve(cwd, "go.mod"))) {
        log.add(
            "go: go.mod file not found in current directory or any parent directory; see 'go help modules'");
        return new Outcome(1, log, nanos(0.1));
      }
      JsonNode m = go.path("modDownload");
      put("/go/pkg/mod/cache/download/modules.zip", m.path("size").asLong(), null);
      return new Outcome(0, log, nanos(m.path("seconds").asDouble()));
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
      log.add("stat " + dir + ": directory not found");
      return new Outcome(1, log, nanos(0.2));
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
    fs.install(target, Entry.file(0755, content, "go-app", mtime));
    declared.put(content, size);
    return new Outcome(0, log, nanos(b.path("seconds").asDouble()));
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
