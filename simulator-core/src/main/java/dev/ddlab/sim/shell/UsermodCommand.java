package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * shadow-utils' {@code usermod} on a node's host, as Part 2 §3 types it ({@code usermod -aG docker
 * ubuntu}): options and operand checked as its process_flags does (an unknown group or user 6, a
 * usage error 2), then the password file locked, which only root may: the host's user gets {@code
 * usermod: Permission denied.} and {@code usermod: cannot lock /etc/passwd; try again later.} (1),
 * {@code sudo usermod …} succeeds silently. The node's user is already in the docker group, so
 * nothing changes there. Root's usermod changes the files (in a container, {@code usermod -aG g
 * app} after {@code useradd}): {@code -G} (with {@code -a}, added to the user's groups, else they
 * replace them), {@code -g}, {@code -s}, {@code -d}, {@code -c}; the other options are checked and
 * change nothing. Texts from shadow 4.13 on this machine.
 */
final class UsermodCommand {
  private UsermodCommand() {}

  // the options shadow's usermod knows: those after which an argument follows, and the others
  private static final String WITH_ARGUMENT = "cdefgGlpPRsuvVwWZ";
  private static final String FLAGS = "abhLmorU";

  /** Users and groups a stock Ubuntu host has, when the node has no /etc/passwd or /etc/group. */
  private static final Set<String> USERS = Set.of("root", "daemon", "nobody", "ubuntu");

  private static final Set<String> GROUPS =
      Set.of("root", "adm", "sudo", "users", "plugdev", "lxd", "docker", "ubuntu", "nogroup");

  static int run(List<String> args, Io io, FileSystem fs, boolean root) {
    // getopt_long: each long option as its short letter first (--groups=docker: -G docker)
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || a.length() == 2) {
        words.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      Character c = longOption(eq < 0 ? a.substring(2) : a.substring(2, eq));
      if (c == null) {
        return usageError(io, "usermod: unrecognized option '" + a + "'");
      }
      words.add("-" + c);
      if (WITH_ARGUMENT.indexOf(c) >= 0) {
        if (eq < 0 && i + 1 >= args.size()) {
          return usageError(io, "usermod: option '" + a + "' requires an argument");
        }
        words.add(eq < 0 ? args.get(++i) : a.substring(eq + 1));
      }
    }
    Set<Character> seen = new LinkedHashSet<>();
    java.util.Map<Character, String> values = new java.util.HashMap<>();
    String login = null;
    int operands = 0;
    for (int i = 0; i < words.size(); i++) {
      String a = words.get(i);
      if (!a.startsWith("-") || a.length() == 1) {
        login = a;
        operands++;
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        if (WITH_ARGUMENT.indexOf(c) >= 0) {
          if (k + 1 == a.length() && i + 1 >= words.size()) {
            return usageError(io, "usermod: option requires an argument -- '" + c + "'");
          }
          String value = k + 1 < a.length() ? a.substring(k + 1) : words.get(++i);
          values.put(c, value);
          int st = option(c, value, seen, io, fs);
          if (st >= 0) {
            return st;
          }
          break;
        }
        if (FLAGS.indexOf(c) < 0) {
          return usageError(io, "usermod: invalid option -- '" + c + "'");
        }
        if (c == 'h') {
          io.out().accept(usage());
          return 0;
        }
        seen.add(c);
      }
    }
    if (operands != 1) {
      io.err().accept(usage());
      return 2;
    }
    if (!known(fs, "/etc/passwd", USERS, login)) {
      io.errln("usermod: user '" + login + "' does not exist");
      return 6;
    }
    if ((seen.contains('a') || seen.contains('r')) && !seen.contains('G')) {
      return usageError(
          io,
          "usermod: -"
              + (seen.contains('a') ? 'a' : 'r')
              + " flag is only allowed with the -G flag");
    }
    boolean append = seen.contains('a');
    seen.remove('a');
    seen.remove('r');
    seen.remove('b');
    if (seen.isEmpty()) {
      return usageError(io, "usermod: no options");
    }
    if (!root) {
      io.errln("usermod: Permission denied.");
      io.errln("usermod: cannot lock /etc/passwd; try again later.");
      return 1;
    }
    if (values.containsKey('g') && AccountFiles.group(fs, values.get('g')) == null) {
      io.errln("usermod: group '" + values.get('g') + "' does not exist");
      return 6;
    }
    apply(fs, login, values, append);
    return 0;
  }

  /** Root's change: the passwd fields given, then the supplementary groups of -G. */
  private static void apply(
      FileSystem fs, String login, java.util.Map<Character, String> values, boolean append) {
    if (AccountFiles.byName(fs, AccountFiles.PASSWD, login) == null) {
      return; // a stock host without the files: nothing to write
    }
    int[] field = {'c', 4, 'd', 5, 's', 6};
    List<String> lines = AccountFiles.lines(fs, AccountFiles.PASSWD);
    boolean changed = false;
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(":", -1);
      if (!f[0].equals(login) || f.length < 7) {
        continue;
      }
      for (int k = 0; k < field.length; k += 2) {
        String v = values.get((char) field[k]);
        if (v != null && !v.equals(f[field[k + 1]])) {
          f[field[k + 1]] = v;
          changed = true;
        }
      }
      if (values.containsKey('g') && AccountFiles.group(fs, values.get('g')) != null) {
        String gid = AccountFiles.group(fs, values.get('g'))[2];
        changed |= !gid.equals(f[3]);
        f[3] = gid;
      }
      lines.set(i, String.join(":", f));
    }
    if (changed) {
      AccountFiles.rewrite(fs, AccountFiles.PASSWD, lines);
    }
    if (!values.containsKey('G')) {
      return;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String g : values.get('G').split(",")) {
      String[] e = g.isEmpty() ? null : AccountFiles.group(fs, g);
      if (e != null) {
        wanted.add(e[0]);
      }
    }
    List<String> groups = AccountFiles.lines(fs, AccountFiles.GROUP);
    boolean groupsChanged = false;
    for (int i = 0; i < groups.size(); i++) {
      String[] g = groups.get(i).split(":", -1);
      if (g.length < 4) {
        continue;
      }
      List<String> members = new ArrayList<>();
      for (String m : g[3].split(",")) {
        if (!m.isEmpty()) {
          members.add(m);
        }
      }
      boolean member = members.contains(login);
      if (wanted.contains(g[0]) && !member) {
        members.add(login);
      } else if (!wanted.contains(g[0]) && member && !append) {
        members.remove(login);
      } else {
        continue;
      }
      g[3] = String.join(",", members);
      groups.set(i, String.join(":", g));
      groupsChanged = true;
    }
    if (groupsChanged) {
      AccountFiles.rewrite(fs, AccountFiles.GROUP, groups);
    }
  }

  /** One option with its argument: -1 to go on, else the status to end with. */
  private static int option(char c, String value, Set<Character> seen, Io io, FileSystem fs) {
    if (c == 'G') {
      for (String g : value.split(",", -1)) {
        if (g.isEmpty()) {
          continue;
        }
        if (!known(fs, "/etc/group", GROUPS, g)) {
          io.errln("usermod: group '" + g + "' does not exist");
          return 6;
        }
      }
    }
    seen.add(c);
    return -1;
  }

  private static Character longOption(String name) {
    return switch (name) {
      case "append" -> 'a';
      case "badname" -> 'b';
      case "help" -> 'h';
      case "comment" -> 'c';
      case "home" -> 'd';
      case "expiredate" -> 'e';
      case "inactive" -> 'f';
      case "gid" -> 'g';
      case "groups" -> 'G';
      case "login" -> 'l';
      case "lock" -> 'L';
      case "move-home" -> 'm';
      case "non-unique" -> 'o';
      case "password" -> 'p';
      case "prefix" -> 'P';
      case "remove" -> 'r';
      case "root" -> 'R';
      case "shell" -> 's';
      case "uid" -> 'u';
      case "unlock" -> 'U';
      case "add-subuids" -> 'v';
      case "del-subuids" -> 'V';
      case "add-subgids" -> 'w';
      case "del-subgids" -> 'W';
      case "selinux-user" -> 'Z';
      default -> null;
    };
  }

  /** Whether NAME is in the node's file (the first field of a line), or a stock host's list. */
  private static boolean known(FileSystem fs, String file, Set<String> stock, String name) {
    String text;
    try {
      text = new String(fs.read(file), java.nio.charset.StandardCharsets.UTF_8);
    } catch (RuntimeException missing) {
      return stock.contains(name);
    }
    for (String line : text.split("\n")) {
      if (line.startsWith(name + ":")) {
        return true;
      }
    }
    return false;
  }

  private static int usageError(Io io, String message) {
    io.errln(message);
    io.err().accept(usage());
    return 2;
  }

  private static String usage() {
    return """
        Usage: usermod [options] LOGIN

        Options:
          -a, --append                  append the user to the supplemental GROUPS
                                        mentioned by the -G option without removing
                                        the user from other groups
          -b, --badname                 allow bad names
          -c, --comment COMMENT         new value of the GECOS field
          -d, --home HOME_DIR           new home directory for the user account
          -e, --expiredate EXPIRE_DATE  set account expiration date to EXPIRE_DATE
          -f, --inactive INACTIVE       set password inactive after expiration
                                        to INACTIVE
          -g, --gid GROUP               force use GROUP as new primary group
          -G, --groups GROUPS           new list of supplementary GROUPS
          -h, --help                    display this help message and exit
          -l, --login NEW_LOGIN         new value of the login name
          -L, --lock                    lock the user account
          -m, --move-home               move contents of the home directory to the
                                        new location (use only with -d)
          -o, --non-unique              allow using duplicate (non-unique) UID
          -p, --password PASSWORD       use encrypted password for the new password
          -P, --prefix PREFIX_DIR       prefix directory where are located the /etc/* files
          -r, --remove                  remove the user from only the supplemental GROUPS
                                        mentioned by the -G option without removing
                                        the user from other groups
          -R, --root CHROOT_DIR         directory to chroot into
          -s, --shell SHELL             new login shell for the user account
          -u, --uid UID                 new UID for the user account
          -U, --unlock                  unlock the user account
          -v, --add-subuids FIRST-LAST  add range of subordinate uids
          -V, --del-subuids FIRST-LAST  remove range of subordinate uids
          -w, --add-subgids FIRST-LAST  add range of subordinate gids
          -W, --del-subgids FIRST-LAST  remove range of subordinate gids
          -Z, --selinux-user SEUSER     new SELinux user mapping for the user account

        """;
  }
}
