package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * git 2.34 (Ubuntu 22.04's) as far as the course uses it, without a network: {@code clone} of the
 * course's repositories ({@link GitRepos}; any other URL fails as it does offline), {@code status}
 * (the working tree compared with the cloned commit), {@code log} ({@code --oneline}, {@code -n}),
 * {@code --version}. Other subcommands say they are not simulated.
 */
final class GitTool implements Tool {
  static final String VERSION = "2.34.1";
  private static final DateTimeFormatter LOG_DATE =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy xx", Locale.ROOT);
  private static final List<String> KNOWN =
      List.of(
          "add",
          "branch",
          "checkout",
          "commit",
          "config",
          "diff",
          "fetch",
          "init",
          "merge",
          "pull",
          "push",
          "remote",
          "reset",
          "restore",
          "show",
          "stash",
          "switch",
          "tag");

  @Override
  public int run(ToolContext ctx, List<String> args) {
    Io io = ctx.io();
    if (args.isEmpty()) {
      io.println(
          "usage: git [--version] [--help] [-C <path>] [-c <name>=<value>]\n"
              + "           <command> [<args>]\n\n"
              + "These are common Git commands simulated by ddlab:\n"
              + "   clone     Clone a repository into a new directory\n"
              + "   status    Show the working tree status\n"
              + "   log       Show commit logs");
      return 1;
    }
    String sub = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (sub) {
      case "--version", "version" -> {
        io.println("git version " + VERSION);
        yield 0;
      }
      case "clone" -> clone(ctx, rest);
      case "status" -> status(ctx, rest);
      case "log" -> log(ctx, rest);
      default -> {
        if (KNOWN.contains(sub)) {
          io.errln("git: '" + sub + "' is not simulated by ddlab (clone, status and log are)");
        } else {
          io.errln("git: '" + sub + "' is not a git command. See 'git --help'.");
        }
        yield 1;
      }
    };
  }

  // ---- clone
  // -------------------------------------------------------------------------------------

  private int clone(ToolContext ctx, List<String> args) {
    Io io = ctx.io();
    List<String> words = new ArrayList<>();
    boolean quiet = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-q", "--quiet" -> quiet = true;
        case "-b", "--branch", "--depth", "-o", "--origin" -> i++;
        default -> {
          if (a.startsWith("--depth=") || a.startsWith("--branch=") || a.equals("--")) {
            continue;
          }
          if (a.startsWith("-")) {
            io.errln("error: unknown option `" + a.replaceFirst("^-+", "") + "'");
            return 129;
          }
          words.add(a);
        }
      }
    }
    if (words.isEmpty()) {
      io.errln("fatal: You must specify a repository to clone.");
      io.errln("");
      io.errln("usage: git clone [<options>] [--] <repo> [<dir>]");
      return 129;
    }
    String url = words.get(0);
    String dirName = words.size() > 1 ? words.get(1) : humanish(url);
    String dir = Paths.resolve(ctx.cwd(), dirName);
    FileSystem fs = ctx.fs();
    if (fs.exists(dir) && (!fs.isDirectory(dir) || !fs.list(dir).isEmpty())) {
      io.errln(
          "fatal: destination path '"
              + dirName
              + "' already exists and is not an empty directory.");
      return 128;
    }
    Optional<GitRepos.Repo> found = GitRepos.byUrl(url);
    if (found.isEmpty()) {
      return unreachable(io, url, dirName);
    }
    GitRepos.Repo repo = found.get();
    if (!quiet) {
      io.errln("Cloning into '" + dirName + "'...");
    }
    try {
      checkout(fs, dir, repo, url);
    } catch (FsException e) {
      io.errln("fatal: could not create work tree dir '" + dirName + "': " + e.getMessage());
      return 128;
    }
    if (!quiet && ctx.tty()) {
      progress(io, repo, ctx.clock().nowNanos());
    }
    return 0;
  }

  /** What git prints for a repository it cannot reach: this machine has no network. */
  private static int unreachable(Io io, String url, String dirName) {
    if (url.contains("://")) {
      String rest = url.substring(url.indexOf("://") + 3);
      String host = rest.split("[/:]", 2)[0];
      if (host.contains("@")) {
        host = host.substring(host.indexOf('@') + 1);
      }
      io.errln("Cloning into '" + dirName + "'...");
      if (url.startsWith("ssh://")) {
        return sshUnreachable(io, host);
      }
      io.errln(
          "fatal: unable to access '"
              + (url.endsWith("/") ? url : url + "/")
              + "': Could not resolve host: "
              + host);
      return 128;
    }
    int colon = url.indexOf(':');
    if (colon > 0 && !url.substring(0, colon).contains("/")) {
      String host = url.substring(0, colon);
      io.errln("Cloning into '" + dirName + "'...");
      return sshUnreachable(io, host.contains("@") ? host.substring(host.indexOf('@') + 1) : host);
    }
    io.errln("fatal: repository '" + url + "' does not exist");
    return 128;
  }

  private static int sshUnreachable(Io io, String host) {
    io.errln("ssh: Could not resolve hostname " + host + ": Temporary failure in name resolution");
    io.errln("fatal: Could not read from remote repository.");
    io.errln("");
    io.errln("Please make sure you have the correct access rights");
    io.errln("and the repository exists.");
    return 128;
  }

  /** git's "humanish" directory name: the URL's last part without {@code .git}. */
  static String humanish(String url) {
    String u = GitRepos.withoutSuffix(url);
    int cut = Math.max(u.lastIndexOf('/'), u.lastIndexOf(':'));
    return u.substring(cut + 1);
  }

  private static void checkout(FileSystem fs, String dir, GitRepos.Repo repo, String url) {
    fs.mkdir(dir, true);
    GitRepos.Commit head = repo.head();
    for (var f : head.files().keySet()) {
      String path = dir + "/" + f;
      fs.mkdir(Paths.parent(path), true);
      fs.write(path, repo.contents().get(f), false);
    }
    String git = dir + "/.git";
    for (String d :
        List.of(
            "branches",
            "hooks",
            "info",
            "logs/refs/heads",
            "logs/refs/remotes/origin",
            "objects/info",
            "objects/pack",
            "refs/heads",
            "refs/remotes/origin",
            "refs/tags")) {
      fs.mkdir(git + "/" + d, true);
    }
    String b = repo.branch();
    write(fs, git + "/HEAD", "ref: refs/heads/" + b + "\n");
    write(
        fs,
        git + "/config",
        "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n"
            + "\tlogallrefupdates = true\n[remote \"origin\"]\n\turl = "
            + url
            + "\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \""
            + b
            + "\"]\n\tremote = origin\n\tmerge = refs/heads/"
            + b
            + "\n");
    write(
        fs,
        git + "/description",
        "Unnamed repository; edit this file 'description' to name the repository.\n");
    write(fs, git + "/info/exclude", "# git ls-files --others --exclude-from=.git/info/exclude\n");
    write(
        fs,
        git + "/packed-refs",
        "# pack-refs with: peeled fully-peeled sorted \n"
            + head.hash()
            + " refs/remotes/origin/"
            + b
            + "\n");
    write(fs, git + "/refs/heads/" + b, head.hash() + "\n");
    write(fs, git + "/refs/remotes/origin/HEAD", "ref: refs/remotes/origin/" + b + "\n");
    String pack =
        GitRepos.hash(
            "pack", String.join("\n", repo.objects().keySet()).getBytes(StandardCharsets.UTF_8));
    write(fs, git + "/objects/pack/pack-" + pack + ".idx", "");
    write(fs, git + "/objects/pack/pack-" + pack + ".pack", "");
  }

  private static void write(FileSystem fs, String path, String text) {
    fs.write(path, text.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The remote's and the receiving side's progress lines, as git shows them on a terminal. */
  private static void progress(Io io, GitRepos.Repo repo, long now) {
    int total = repo.objects().size();
    int compress = total - repo.commits().size();
    int deltas = repo.deltas();
    long bytes = 0;
    for (int size : repo.objects().values()) {
      bytes += size * 11L / 20 + 22;
    }
    // the transfer rate varies with the moment of the clone, as a network's does
    long mix = (now / 1_000_000L) ^ (bytes * 2654435761L);
    double rate = 1.2 + Math.floorMod(mix, 340L) / 100.0;
    io.errln("remote: Enumerating objects: " + total + ", done.");
    io.errln("remote: Counting objects: 100% (" + total + "/" + total + "), done.");
    io.errln("remote: Compressing objects: 100% (" + compress + "/" + compress + "), done.");
    io.errln(
        "remote: Total "
            + total
            + " (delta "
            + deltas
            + "), reused "
            + total
            + " (delta "
            + deltas
            + "), pack-reused 0");
    io.errln(
        String.format(
            Locale.ROOT,
            "Receiving objects: 100%% (%d/%d), %.2f KiB | %.2f MiB/s, done.",
            total,
            total,
            bytes / 1024.0,
            rate));
    if (deltas > 0) {
      io.errln("Resolving deltas: 100% (" + deltas + "/" + deltas + "), done.");
    }
  }

  // ---- status and log
  // ----------------------------------------------------------------------------

  /** The work tree around the current directory: its root, repository and checked-out commit. */
  private record WorkTree(String root, GitRepos.Repo repo, String branch) {}

  private static Optional<WorkTree> workTree(ToolContext ctx) {
    FileSystem fs = ctx.fs();
    String dir = ctx.cwd();
    while (true) {
      if (fs.isDirectory(dir + (dir.equals("/") ? "" : "/") + ".git")) {
        String git = (dir.equals("/") ? "" : dir) + "/.git";
        String url = configValue(fs, git + "/config", "url");
        String head = read(fs, git + "/HEAD").trim();
        String branch = head.startsWith("ref: refs/heads/") ? head.substring(16) : "HEAD";
        Optional<GitRepos.Repo> repo = url == null ? Optional.empty() : GitRepos.byUrl(url);
        String root = dir;
        return repo.map(r -> new WorkTree(root, r, branch));
      }
      if (dir.equals("/")) {
        return Optional.empty();
      }
      dir = Paths.parent(dir);
    }
  }

  private static String configValue(FileSystem fs, String path, String key) {
    for (String line : read(fs, path).split("\n")) {
      String t = line.trim();
      if (t.startsWith(key + " =")) {
        return t.substring(t.indexOf('=') + 1).trim();
      }
    }
    return null;
  }

  private static String read(FileSystem fs, String path) {
    try {
      return new String(fs.read(path), StandardCharsets.UTF_8);
    } catch (FsException e) {
      return "";
    }
  }

  private static int notARepository(Io io) {
    io.errln("fatal: not a git repository (or any of the parent directories): .git");
    return 128;
  }

  private int status(ToolContext ctx, List<String> args) {
    Optional<WorkTree> wt = workTree(ctx);
    if (wt.isEmpty()) {
      return notARepository(ctx.io());
    }
    boolean shortFormat = args.contains("-s") || args.contains("--short");
    GitRepos.Repo repo = wt.get().repo();
    String root = wt.get().root();
    FileSystem fs = ctx.fs();
    Map<String, String> tracked = repo.head().files();
    Map<String, String> changed = new TreeMap<>();
    for (var f : tracked.entrySet()) {
      String path = root + "/" + f.getKey();
      if (!fs.exists(path) || fs.isDirectory(path)) {
        changed.put(f.getKey(), "deleted");
      } else if (!GitRepos.hash("blob", fs.read(path)).equals(f.getValue())) {
        changed.put(f.getKey(), "modified");
      }
    }
    TreeSet<String> untracked = new TreeSet<>();
    untracked(fs, root, "", tracked, untracked);
    Io io = ctx.io();
    String rel = relative(root, ctx.cwd());
    if (shortFormat) {
      changed.forEach(
          (p, how) -> io.println((how.equals("deleted") ? " D " : " M ") + shown(rel, p)));
      untracked.forEach(p -> io.println("?? " + shown(rel, p)));
      return 0;
    }
    String b = wt.get().branch();
    io.println("On branch " + b);
    io.println("Your branch is up to date with 'origin/" + b + "'.");
    io.println("");
    if (changed.isEmpty() && untracked.isEmpty()) {
      io.println("nothing to commit, working tree clean");
      return 0;
    }
    if (!changed.isEmpty()) {
      io.println("Changes not staged for commit:");
      io.println(
          "  (use \"git add"
              + (changed.containsValue("deleted") ? "/rm" : "")
              + " <file>...\" to update what will be committed)");
      io.println("  (use \"git restore <file>...\" to discard changes in working directory)");
      changed.forEach(
          (p, how) ->
              io.println(
                  "\t" + (how + ":").concat(" ".repeat(12 - how.length() - 1)) + shown(rel, p)));
      io.println("");
    }
    if (!untracked.isEmpty()) {
      io.println("Untracked files:");
      io.println("  (use \"git add <file>...\" to include in what will be committed)");
      untracked.forEach(p -> io.println("\t" + shown(rel, p)));
      io.println("");
    }
    io.println(
        changed.isEmpty()
            ? "nothing added to commit but untracked files present (use \"git add\" to track)"
            : "no changes added to commit (use \"git add\" and/or \"git commit -a\")");
    return 0;
  }

  /**
   * Untracked paths under {@code dir}: files, or a directory as {@code dir/} when nothing in it is
   * tracked (git's default {@code --untracked-files=normal}).
   */
  private static void untracked(
      FileSystem fs, String root, String dir, Map<String, String> tracked, TreeSet<String> out) {
    String abs = dir.isEmpty() ? root : root + "/" + dir;
    for (String name : fs.list(abs)) {
      String p = dir.isEmpty() ? name : dir + "/" + name;
      if (p.equals(".git")) {
        continue;
      }
      if (fs.isDirectory(abs + "/" + name)) {
        boolean anyTracked = tracked.keySet().stream().anyMatch(t -> t.startsWith(p + "/"));
        if (anyTracked) {
          untracked(fs, root, p, tracked, out);
        } else if (!fs.list(abs + "/" + name).isEmpty()) {
          out.add(p + "/");
        }
      } else if (!tracked.containsKey(p)) {
        out.add(p);
      }
    }
  }

  /** The path from the work tree's root to {@code cwd} ("" at the root). */
  private static String relative(String root, String cwd) {
    return cwd.equals(root) ? "" : cwd.substring(root.length() + 1);
  }

  /** A repository path as git status shows it from the subdirectory {@code rel}. */
  static String shown(String rel, String path) {
    if (rel.isEmpty()) {
      return path;
    }
    List<String> from = Arrays.asList(rel.split("/"));
    List<String> to = Arrays.asList(path.split("/", -1));
    int common = 0;
    while (common < from.size()
        && common < to.size() - 1
        && from.get(common).equals(to.get(common))) {
      common++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = common; i < from.size(); i++) {
      sb.append("../");
    }
    sb.append(String.join("/", to.subList(common, to.size())));
    return sb.toString();
  }

  private int log(ToolContext ctx, List<String> args) {
    Optional<WorkTree> wt = workTree(ctx);
    if (wt.isEmpty()) {
      return notARepository(ctx.io());
    }
    boolean oneline = false;
    int max = Integer.MAX_VALUE;
    Io io = ctx.io();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      try {
        if (a.equals("--oneline")) {
          oneline = true;
        } else if (a.equals("-n") && i + 1 < args.size()) {
          max = Integer.parseInt(args.get(++i));
        } else if (a.startsWith("--max-count=")) {
          max = Integer.parseInt(a.substring(12));
        } else if (a.matches("-\\d+")) {
          max = Integer.parseInt(a.substring(1));
        } else {
          io.errln("fatal: unrecognized argument: " + a);
          return 128;
        }
      } catch (NumberFormatException e) {
        io.errln("fatal: '" + a + "': not an integer");
        return 128;
      }
    }
    String b = wt.get().branch();
    List<GitRepos.Commit> commits = new ArrayList<>(wt.get().repo().commits());
    java.util.Collections.reverse(commits);
    // decorations are shown on a terminal only (log.decorate=auto)
    String decoration = ctx.tty() ? " (HEAD -> " + b + ", origin/" + b + ", origin/HEAD)" : "";
    for (int i = 0; i < commits.size() && i < max; i++) {
      GitRepos.Commit c = commits.get(i);
      String deco = i == 0 ? decoration : "";
      if (oneline) {
        io.println(c.hash().substring(0, 7) + deco + " " + c.message());
        continue;
      }
      if (i > 0) {
        io.println("");
      }
      io.println("commit " + c.hash() + deco);
      io.println("Author: " + c.author());
      io.println("Date:   " + LOG_DATE.format(c.date()));
      io.println("");
      for (String line : c.message().split("\n")) {
        io.println("    " + line);
      }
    }
    return 0;
  }
}
