package dev.ddlab.session;

import dev.ddlab.cli.DockerCli;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.shell.HostShell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tab completion at the host prompt: command names for the first word, the docker CLI's own
 * completion (subcommands, flags, container and image names) after {@code docker}, else paths of
 * the host filesystem. Candidates replace the word being typed.
 */
final class Completion {
  private Completion() {}

  static List<String> complete(HostShell shell, DockerCli cli, String line) {
    List<String> words = new ArrayList<>(Arrays.asList(line.stripLeading().split("\\s+", -1)));
    if (words.isEmpty()) {
      words.add("");
    }
    String current = words.get(words.size() - 1);
    int start = 0;
    while (start < words.size() - 1 && words.get(start).equals("sudo")) {
      start++;
    }
    if (words.size() - 1 == start) {
      List<String> out = new ArrayList<>();
      for (String c : shell.commandNames()) {
        if (c.startsWith(current)) {
          out.add(c);
        }
      }
      if (!out.isEmpty() || !current.contains("/")) {
        return out;
      }
    }
    if (words.get(start).equals("docker") && words.size() - 1 > start) {
      return cli.complete(List.copyOf(words.subList(start + 1, words.size())));
    }
    return paths(shell.node().fs(), shell.cwd(), current);
  }

  private static List<String> paths(FileSystem fs, String cwd, String current) {
    int slash = current.lastIndexOf('/');
    String dirPart = slash < 0 ? "" : current.substring(0, slash + 1);
    String namePart = current.substring(slash + 1);
    String dir =
        dirPart.startsWith("~")
            ? Paths.resolve(HostShell.HOME, dirPart.substring(1).replaceFirst("^/", ""))
            : Paths.resolve(cwd, dirPart.isEmpty() ? "." : dirPart);
    List<String> out = new ArrayList<>();
    try {
      for (String n : fs.list(dir)) {
        if (n.startsWith(namePart) && (!n.startsWith(".") || namePart.startsWith("."))) {
          String full = dir.equals("/") ? "/" + n : dir + "/" + n;
          out.add(dirPart + n + (fs.isDirectory(full) ? "/" : ""));
        }
      }
    } catch (FsException e) {
      // not a directory: nothing to offer
    }
    return out;
  }
}
