package dev.ddlab.sim.build;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * apt-get, apt, apk and pip as programs of the images that have them (the files {@code
 * /usr/bin/apt-get}, {@code /usr/bin/apt}, {@code /sbin/apk} name them): the {@link
 * PackageCatalogue} a RUN step uses, over the container's own filesystem, so what it installs is in
 * the container's layer ({@code docker diff}, {@code docker commit}) and its programs run
 * afterwards. The mirrors answer when the container has a route out of its network namespace
 * ({@code --network none} and {@code --internal} have none: the names do not resolve). The output
 * comes once the command's virtual time has passed; the exit code is the real command's.
 */
public final class PackageManagerProgram implements Program {
  /**
   * Which package manager the file names ("apt-get", "apt", "apk", "pip"), whatever argv[0] says.
   */
  private final String manager;

  PackageManagerProgram(String manager) {
    this.manager = manager;
  }

  @Override
  public void start(Proc proc) {
    List<String> words = new ArrayList<>(proc.argv());
    words.set(0, manager);
    PackageCatalogue catalogue =
        new PackageCatalogue(
            proc.fs(),
            new HashMap<>(),
            proc.clock().nowNanos(),
            arch(proc),
            proc.reachesInternet(),
            proc.tty());
    // pip takes no lock; as another user it installs into that user's site-packages
    PackageCatalogue.Outcome o = manager.equals("pip") ? null : notRoot(proc, words);
    if (o == null) {
      try {
        o = catalogue.run(words, proc.cwd());
      } catch (FsException e) {
        o = lockFailed(words, e.getMessage());
      }
    }
    PackageCatalogue.Outcome done = o;
    proc.after(
        Duration.ofNanos(done.nanos()),
        () -> {
          for (PackageCatalogue.Line l : done.lines()) {
            if (l.err()) {
              proc.err(l.text() + "\n");
            } else {
              proc.out(l.text() + "\n");
            }
          }
          proc.exit(done.exitCode());
        });
  }

  /** Only root takes the package database's lock. */
  private static PackageCatalogue.Outcome notRoot(Proc proc, List<String> words) {
    String user = proc.user() == null ? "" : proc.user();
    String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    if (uid.isEmpty() || uid.equals("root") || uid.equals("0")) {
      return null;
    }
    return lockFailed(words, "Permission denied");
  }

  /** The package manager cannot lock its database (13: Permission denied, 30: read-only). */
  private static PackageCatalogue.Outcome lockFailed(List<String> words, String why) {
    List<PackageCatalogue.Line> lines = new ArrayList<>();
    int errno = why.startsWith("Read-only") ? 30 : 13;
    if (words.get(0).equals("apk")) {
      lines.add(new PackageCatalogue.Line("ERROR: Unable to lock database: " + why, true));
      lines.add(new PackageCatalogue.Line("ERROR: Failed to open apk database: " + why, true));
      return new PackageCatalogue.Outcome(99, lines, 0);
    }
    boolean update = words.contains("update");
    String lock = update ? "/var/lib/apt/lists/lock" : "/var/lib/dpkg/lock-frontend";
    lines.add(
        new PackageCatalogue.Line(
            "E: Could not open lock file " + lock + " - open (" + errno + ": " + why + ")", true));
    lines.add(
        new PackageCatalogue.Line(
            update
                ? "E: Unable to lock directory /var/lib/apt/lists/"
                : "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are"
                    + " you root?",
            true));
    return new PackageCatalogue.Outcome(100, lines, 0);
  }

  /** The machine the image's packages are for, as its files say (apk's arch file, the GNU dirs). */
  private static String arch(Proc proc) {
    try {
      if (proc.fs().exists("/etc/apk/arch")) {
        return new String(proc.fs().read("/etc/apk/arch"), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
      }
    } catch (FsException e) {
      // unreadable: the default machine
    }
    if (proc.fs().isDirectory("/usr/lib/aarch64-linux-gnu")) {
      return "aarch64";
    }
    if (proc.fs().isDirectory("/usr/lib/arm-linux-gnueabihf")) {
      return "armv7";
    }
    return "x86_64";
  }
}
