package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Kernel;
import java.util.List;
import java.util.Map;

/**
 * {@code basename}, {@code dirname} and {@code nproc} (coreutils on the host and in Debian-family
 * images, busybox's applets in alpine and busybox), and {@code which} inside containers, each with
 * its program's words: coreutils 9.1 and debianutils on this machine, the private dockerd's
 * busybox.
 */
final class PathTools {
  private PathTools() {}

  static void install(Map<String, Tool> m) {
    m.put("basename", PathTools::basename);
    m.put("dirname", PathTools::dirname);
    m.put(
        "nproc",
        (c, a) -> {
          c.io().println(Integer.toString(Kernel.NCPU));
          return 0;
        });
  }

  static int basename(ToolContext c, List<String> args) {
    if (args.isEmpty()) {
      return missing(
          c,
          "basename",
          "\n\nUsage: basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...\n\n"
              + "Strip directory path and SUFFIX from FILE\n\n"
              + "\t-a\t\tAll arguments are FILEs\n\t-s SUFFIX\tRemove SUFFIX (implies -a)");
    }
    boolean all = false;
    String suffix = null;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      String o = args.get(i++);
      if (o.equals("-a")) {
        all = true;
      } else if (o.equals("-s") && i < args.size()) {
        suffix = args.get(i++);
        all = true;
      } else if (o.equals("--")) {
        break;
      }
    }
    List<String> names = args.subList(i, args.size());
    if (!all && names.size() == 2) {
      suffix = names.get(1);
      names = names.subList(0, 1);
    }
    for (String n : names) {
      c.io().println(strip(n, suffix));
    }
    return 0;
  }

  /** POSIX basename: trailing slashes gone, the last part, the suffix off unless it is all. */
  private static String strip(String path, String suffix) {
    String p = path.replaceAll("/+$", "");
    if (p.isEmpty()) {
      return path.isEmpty() ? "" : "/";
    }
    String base = p.substring(p.lastIndexOf('/') + 1);
    if (suffix != null && !suffix.isEmpty() && base.endsWith(suffix) && !base.equals(suffix)) {
      base = base.substring(0, base.length() - suffix.length());
    }
    return base;
  }

  static int dirname(ToolContext c, List<String> args) {
    if (args.isEmpty() || (c.busybox() && args.size() > 1)) {
      return missing(
          c, "dirname", "\n\nUsage: dirname FILENAME\n\nStrip non-directory suffix from FILENAME");
    }
    for (String a : args) {
      c.io().println(parent(a));
    }
    return 0;
  }

  /** POSIX dirname: "." without a slash, "/" at the root, trailing slashes ignored. */
  private static String parent(String path) {
    String p = path.replaceAll("/+$", "");
    if (p.isEmpty()) {
      return path.isEmpty() ? "." : "/";
    }
    int slash = p.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    String d = p.substring(0, slash).replaceAll("/+$", "");
    return d.isEmpty() ? "/" : d;
  }

  /** {@code which [-a] NAME…}: each name's path in $PATH (all with -a); 1 when one is missing. */
  static int which(ToolContext c, List<String> args) {
    boolean all = !args.isEmpty() && args.get(0).equals("-a");
    List<String> names = all ? args.subList(1, args.size()) : args;
    if (names.isEmpty()) {
      if (c.busybox()) {
        ToolErrors.busyboxUsage(
            c, "\n\nUsage: which [-a] COMMAND...\n\nLocate COMMAND\n\n\t-a\tShow all matches");
      }
      return 1;
    }
    int status = 0;
    String pathVar = c.env().get("PATH");
    for (String n : names) {
      boolean found = false;
      for (String dir :
          (pathVar == null || pathVar.isEmpty() ? Executables.DEFAULT_PATH : pathVar).split(":")) {
        if (dir.isEmpty()) {
          continue;
        }
        String candidate = n.contains("/") ? n : dir + "/" + n;
        if (executable(c, candidate)) {
          c.io().println(candidate);
          found = true;
          if (!all || n.contains("/")) {
            break;
          }
        }
      }
      if (!found) {
        status = 1;
      }
    }
    return status;
  }

  private static boolean executable(ToolContext c, String path) {
    return c.fs().stat(path).map(f -> f.isExecutable()).orElse(false);
  }

  private static int missing(ToolContext c, String tool, String usage) {
    return ToolErrors.missingOperand(c, tool, usage);
  }
}
