package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * shadow-utils' {@code useradd} and {@code groupadd} in Debian and Ubuntu images (texts and
 * statuses of shadow 4.13, Debian 12's, typed with {@code --prefix} on this machine): {@code
 * useradd -m app} writes {@code app:x:1000:1000::/home/app:/bin/sh}, {@code
 * app:!:DAYS:0:99999:7:::} (a system account, {@code -r}, counts down from 999 and has no ageing
 * fields), the user's own group (USERGROUPS_ENAB) and, with {@code -m}, the home from /etc/skel
 * with HOME_MODE from /etc/login.defs (0755 without it; Ubuntu's says 0750). Errors: {@code user
 * 'app' already exists} (9), {@code group 'g' does not exist} (6), {@code UID 1000 is not unique}
 * (4), {@code invalid user name 'a:b': use --badname to ignore} (3), a usage error (2), and for
 * anyone but root {@code Permission denied.} and {@code cannot lock /etc/passwd; try again later.}
 * (1; groupadd 10).
 */
final class ShadowAccounts {
  private ShadowAccounts() {}

  private static final int UID_MIN = 1000;
  private static final int UID_MAX = 60000;
  private static final int SYS_MAX = 999;
  private static final int SYS_MIN = 100;

  private static final Map<String, Character> USERADD_LONG = new LinkedHashMap<>();
  private static final Map<String, Character> GROUPADD_LONG = new LinkedHashMap<>();

  static {
    String[][] u = {
      {"base-dir", "b"},
      {"comment", "c"},
      {"home-dir", "d"},
      {"defaults", "D"},
      {"expiredate", "e"},
      {"inactive", "f"},
      {"gid", "g"},
      {"groups", "G"},
      {"help", "h"},
      {"skel", "k"},
      {"key", "K"},
      {"no-log-init", "l"},
      {"create-home", "m"},
      {"no-create-home", "M"},
      {"no-user-group", "N"},
      {"non-unique", "o"},
      {"password", "p"},
      {"system", "r"},
      {"root", "R"},
      {"prefix", "P"},
      {"shell", "s"},
      {"uid", "u"},
      {"user-group", "U"},
      {"selinux-user", "Z"},
      {"badname", "B"}
    };
    for (String[] e : u) {
      USERADD_LONG.put(e[0], e[1].charAt(0));
    }
    String[][] g = {
      {"force", "f"}, {"gid", "g"}, {"help", "h"}, {"key", "K"}, {"non-unique", "o"},
      {"password", "p"}, {"system", "r"}, {"root", "R"}, {"prefix", "P"}, {"users", "U"}
    };
    for (String[] e : g) {
      GROUPADD_LONG.put(e[0], e[1].charAt(0));
    }
  }

  /** The options read, or the status to end with. */
  private record Parsed(Map<Character, String> opts, List<String> operands, int status) {}

  private static Parsed parse(
      ToolContext c,
      List<String> args,
      String withValue,
      String flags,
      Map<String, Character> longs,
      String usage) {
    GetoptLong.Result r = GetoptLong.parse(args, withValue, flags, longs, false);
    if (r.error() != null) {
      return usageError(c, c.argv0() + ": " + r.error(), usage);
    }
    if (r.has('h')) {
      c.io().out().accept(usage);
      return new Parsed(r.opts(), r.operands(), 0);
    }
    return new Parsed(r.opts(), r.operands(), -1);
  }

  private static Parsed usageError(ToolContext c, String message, String usage) {
    c.io().errln(message);
    c.io().err().accept(usage);
    return new Parsed(Map.of(), List.of(), 2);
  }

  static int useradd(ToolContext c, List<String> args) {
    FileSystem fs = c.fs();
    Parsed p = parse(c, args, "bcdefgGkKpRPsuZ", "DhlmMNorUB", USERADD_LONG, USERADD_USAGE);
    if (p.status() >= 0) {
      return p.status();
    }
    Map<Character, String> o = p.opts();
    long uid = -1;
    if (o.containsKey('u')) {
      String s = o.get('u');
      if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 9) {
        c.io().errln("useradd: invalid user ID '" + s + "'");
        return 3;
      }
      uid = Long.parseLong(s);
    }
    String[] primary = null;
    if (o.containsKey('g')) {
      primary = AccountFiles.group(fs, o.get('g'));
      if (primary == null) {
        c.io().errln("useradd: group '" + o.get('g') + "' does not exist");
        return 6;
      }
    }
    List<String> extra = new ArrayList<>();
    if (o.containsKey('G')) {
      for (String g : o.get('G').split(",")) {
        if (g.isEmpty()) {
          continue;
        }
        String[] e = AccountFiles.group(fs, g);
        if (e == null) {
          c.io().errln("useradd: group '" + g + "' does not exist");
          return 6;
        }
        extra.add(e[0]);
      }
    }
    if (p.operands().size() != 1) {
      c.io().err().accept(USERADD_USAGE);
      return 2;
    }
    String name = p.operands().get(0);
    if (!o.containsKey('B') && !validName(name)) {
      c.io().errln("useradd: invalid user name '" + name + "': use --badname to ignore");
      return 3;
    }
    if (AccountFiles.byName(fs, AccountFiles.PASSWD, name) != null) {
      c.io().errln("useradd: user '" + name + "' already exists");
      return 9;
    }
    boolean userGroup = primary == null && !o.containsKey('N');
    if (userGroup && AccountFiles.byName(fs, AccountFiles.GROUP, name) != null) {
      c.io()
          .errln(
              "useradd: group "
                  + name
                  + " exists - if you want to add this user to that group, use -g.");
      return 9;
    }
    if (uid >= 0
        && !o.containsKey('o')
        && AccountFiles.byId(fs, AccountFiles.PASSWD, uid) != null) {
      c.io().errln("useradd: UID " + uid + " is not unique");
      return 4;
    }
    if (c.uid() != 0) {
      c.io().errln("useradd: Permission denied.");
      c.io().errln("useradd: cannot lock /etc/passwd; try again later.");
      return 1;
    }
    boolean system = o.containsKey('r');
    if (uid < 0) {
      uid = freeId(fs, AccountFiles.PASSWD, system);
    }
    long gid;
    if (primary != null) {
      gid = Long.parseLong(primary[2]);
    } else if (userGroup) {
      // find_new_gid: the uid's number when it is free
      gid =
          AccountFiles.byId(fs, AccountFiles.GROUP, uid) == null
              ? uid
              : freeId(fs, AccountFiles.GROUP, system);
    } else {
      gid = 100; // GROUP=100 of /etc/default/useradd
    }
    String home = o.getOrDefault('d', o.getOrDefault('b', "/home") + "/" + name);
    String shell = o.getOrDefault('s', "/bin/sh");
    AccountFiles.append(
        fs,
        AccountFiles.PASSWD,
        name + ":x:" + uid + ":" + gid + ":" + o.getOrDefault('c', "") + ":" + home + ":" + shell);
    if (AccountFiles.exists(fs, AccountFiles.SHADOW)) {
      String pw = o.getOrDefault('p', "!");
      AccountFiles.append(
          fs,
          AccountFiles.SHADOW,
          name + ":" + pw + ":" + AccountFiles.today(c) + (system ? "::::::" : ":0:99999:7:::"));
    }
    if (userGroup) {
      AccountFiles.append(fs, AccountFiles.GROUP, name + ":x:" + gid + ":");
    }
    for (String g : extra) {
      AccountFiles.addMember(fs, g, name);
    }
    if (o.containsKey('m') && !o.containsKey('M')) {
      try {
        if (!fs.exists(home)) {
          fs.mkdir(home, false);
          fs.chmod(home, homeMode(fs));
          AccountFiles.copySkel(fs, o.getOrDefault('k', "/etc/skel"), home, (int) uid, (int) gid);
          AccountFiles.chown(fs, home, (int) uid, (int) gid);
        } else {
          c.io()
              .errln(
                  "useradd: warning: the home directory "
                      + home
                      + " already exists.\nuseradd: Not copying any file from skel directory into it.");
        }
      } catch (FsException e) {
        c.io().errln("useradd: cannot create directory " + home);
        return 12;
      }
    }
    return 0;
  }

  static int groupadd(ToolContext c, List<String> args) {
    FileSystem fs = c.fs();
    Parsed p = parse(c, args, "gKpRPU", "fhor", GROUPADD_LONG, GROUPADD_USAGE);
    if (p.status() >= 0) {
      return p.status();
    }
    Map<Character, String> o = p.opts();
    if (p.operands().size() != 1) {
      c.io().err().accept(GROUPADD_USAGE);
      return 2;
    }
    String name = p.operands().get(0);
    if (!validName(name)) {
      c.io().errln("groupadd: '" + name + "' is not a valid group name");
      return 3;
    }
    long gid = -1;
    if (o.containsKey('g')) {
      String s = o.get('g');
      if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 9) {
        c.io().errln("groupadd: invalid group ID '" + s + "'");
        return 3;
      }
      gid = Long.parseLong(s);
    }
    if (AccountFiles.byName(fs, AccountFiles.GROUP, name) != null) {
      if (o.containsKey('f')) {
        return 0;
      }
      c.io().errln("groupadd: group '" + name + "' already exists");
      return 9;
    }
    if (gid >= 0 && !o.containsKey('o') && AccountFiles.byId(fs, AccountFiles.GROUP, gid) != null) {
      if (o.containsKey('f')) {
        gid = -1;
      } else {
        c.io().errln("groupadd: GID '" + gid + "' already exists");
        return 4;
      }
    }
    if (c.uid() != 0) {
      c.io().errln("groupadd: Permission denied.");
      c.io().errln("groupadd: cannot lock /etc/group; try again later.");
      return 10;
    }
    if (gid < 0) {
      gid = freeId(fs, AccountFiles.GROUP, o.containsKey('r'));
    }
    AccountFiles.append(fs, AccountFiles.GROUP, name + ":x:" + gid + ":" + o.getOrDefault('U', ""));
    return 0;
  }

  /**
   * find_new_uid/gid: one past the highest id in [1000, 60000] in use; a system id counts down from
   * 999 to the first free one.
   */
  private static long freeId(FileSystem fs, String file, boolean system) {
    if (system) {
      for (long id = SYS_MAX; id >= SYS_MIN; id--) {
        if (AccountFiles.byId(fs, file, id) == null) {
          return id;
        }
      }
      return SYS_MIN;
    }
    long highest = UID_MIN - 1;
    for (String[] f : AccountFiles.entries(fs, file)) {
      try {
        long id = Long.parseLong(f[2]);
        if (id >= UID_MIN && id <= UID_MAX && id > highest) {
          highest = id;
        }
      } catch (RuntimeException skip) {
        // a malformed line
      }
    }
    return highest + 1;
  }

  /**
   * Debian's relaxed name check: 1 to 32 bytes, not starting with '-', '+' or '~', without ':', ','
   * or white space.
   */
  static boolean validName(String name) {
    if (name.isEmpty()
        || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32
        || "-+~".indexOf(name.charAt(0)) >= 0) {
      return false;
    }
    for (char ch : name.toCharArray()) {
      if (ch == ':' || ch == ',' || Character.isWhitespace(ch)) {
        return false;
      }
    }
    return true;
  }

  /** HOME_MODE of /etc/login.defs, else 0777 & ~UMASK (022). */
  private static int homeMode(FileSystem fs) {
    try {
      String text = new String(fs.read("/etc/login.defs"), java.nio.charset.StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 2 && w[0].equals("HOME_MODE")) {
          return Integer.parseInt(w[1], 8);
        }
      }
    } catch (RuntimeException none) {
      // no login.defs: the umask's mode
    }
    return 0755;
  }

  static final String USERADD_USAGE =
      """
      Usage: useradd [options] LOGIN
             useradd -D
             useradd -D [options]

      Options:
            --badname                 do not check for bad names
        -b, --base-dir BASE_DIR       base directory for the home directory of the
                                      new account
            --btrfs-subvolume-home    use BTRFS subvolume for home directory
        -c, --comment COMMENT         GECOS field of the new account
        -d, --home-dir HOME_DIR       home directory of the new account
        -D, --defaults                print or change default useradd configuration
        -e, --expiredate EXPIRE_DATE  expiration date of the new account
        -f, --inactive INACTIVE       password inactivity period of the new account
        -F, --add-subids-for-system   add entries to sub[ud]id even when adding a system user
        -g, --gid GROUP               name or ID of the primary group of the new
                                      account
        -G, --groups GROUPS           list of supplementary groups of the new
                                      account
        -h, --help                    display this help message and exit
        -k, --skel SKEL_DIR           use this alternative skeleton directory
        -K, --key KEY=VALUE           override /etc/login.defs defaults
        -l, --no-log-init             do not add the user to the lastlog and
                                      faillog databases
        -m, --create-home             create the user's home directory
        -M, --no-create-home          do not create the user's home directory
        -N, --no-user-group           do not create a group with the same name as
                                      the user
        -o, --non-unique              allow to create users with duplicate
                                      (non-unique) UID
        -p, --password PASSWORD       encrypted password of the new account
        -r, --system                  create a system account
        -R, --root CHROOT_DIR         directory to chroot into
        -P, --prefix PREFIX_DIR       prefix directory where are located the /etc/* files
        -s, --shell SHELL             login shell of the new account
        -u, --uid UID                 user ID of the new account
        -U, --user-group              create a group with the same name as the user
        -Z, --selinux-user SEUSER     use a specific SEUSER for the SELinux user mapping

      """;

  static final String GROUPADD_USAGE =
      """
      Usage: groupadd [options] GROUP

      Options:
        -f, --force                   exit successfully if the group already exists,
                                      and cancel -g if the GID is already used
        -g, --gid GID                 use GID for the new group
        -h, --help                    display this help message and exit
        -K, --key KEY=VALUE           override /etc/login.defs defaults
        -o, --non-unique              allow to create groups with duplicate
                                      (non-unique) GID
        -p, --password PASSWORD       use this encrypted password for the new group
        -r, --system                  create a system account
        -R, --root CHROOT_DIR         directory to chroot into
        -P, --prefix PREFIX_DI        directory prefix
        -U, --users USERS             list of user members of this group

      """;
}
