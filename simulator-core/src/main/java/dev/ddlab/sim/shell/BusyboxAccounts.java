package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.util.List;
import java.util.Map;

/**
 * busybox's {@code adduser} and {@code addgroup} (loginutils/adduser.c, addgroup.c of 1.36.1, built
 * as Alpine builds them: FEATURE_CHECK_NAMES, ADDUSER_TO_GROUP, SHADOWPASSWDS, LAST_ID 256000,
 * system ids 100–999). {@code adduser -D app} writes {@code app:x:1000:1000:Linux
 * User,,,:/home/app:SHELL} (root's shell), {@code app:!:DAYS:0:99999:7:::} when /etc/shadow exists,
 * a group {@code app} with the same id (addgroup run as a child) and {@code /home/app} ({@code
 * drwxr-sr-x app app}, /etc/skel copied into it when there is one); without {@code -D} it runs
 * {@code passwd}, which without a terminal's answer leaves the password unset and fails. Errors in
 * busybox's words, status 1: {@code user 'app' in use}, {@code uid '1000' in use}, {@code illegal
 * character with code 32 at position 2}, {@code unknown group g}, {@code permission denied (are you
 * root?)}.
 */
final class BusyboxAccounts {
  private BusyboxAccounts() {}

  private static final int LAST_ID = 256000;
  private static final int FIRST_SYSTEM_ID = 100;
  private static final int LAST_SYSTEM_ID = 999;

  static final String ADDUSER_USAGE =
      """


      Usage: adduser [OPTIONS] USER [GROUP]

      Create new user, or add USER to GROUP

      \t-h DIR\t\tHome directory
      \t-g GECOS\tGECOS field
      \t-s SHELL\tLogin shell
      \t-G GRP\t\tGroup
      \t-S\t\tCreate a system user
      \t-D\t\tDon't assign a password
      \t-H\t\tDon't create home directory
      \t-u UID\t\tUser id
      \t-k SKEL\t\tSkeleton directory (/etc/skel)""";

  static final String ADDGROUP_USAGE =
      """


      Usage: addgroup [-g GID] [-S] [USER] GROUP

      Add a group or add a user to a group

      \t-g GID\tGroup id
      \t-S\tCreate a system group""";

  private static final Map<String, Character> ADDUSER_LONG =
      Map.of(
          "home", 'h',
          "gecos", 'g',
          "shell", 's',
          "ingroup", 'G',
          "disabled-password", 'D',
          "empty-password", 'D',
          "system", 'S',
          "no-create-home", 'H',
          "uid", 'u',
          "skel", 'k');

  /** A failure that ends the applet: bb_error_msg_and_die's line, status 1. */
  private static final class Die extends RuntimeException {
    Die(String message) {
      super(message, null, false, false);
    }
  }

  static int adduser(ToolContext c, List<String> args) {
    try {
      return adduserOrDie(c, args);
    } catch (Die d) {
      c.io().errln("adduser: " + d.getMessage());
      return 1;
    }
  }

  static int addgroup(ToolContext c, List<String> args) {
    try {
      return addgroupOrDie(c, args, "addgroup");
    } catch (Die d) {
      c.io().errln("addgroup: " + d.getMessage());
      return 1;
    }
  }

  /** The options, or null after the complaint and the usage were printed. */
  private static GetoptLong.Result parse(
      ToolContext c,
      List<String> args,
      String withValue,
      String flags,
      Map<String, Character> longs,
      String usage) {
    GetoptLong.Result r = GetoptLong.parse(args, withValue, flags, longs, true);
    if (r.error() != null) {
      c.io().errln(c.argv0() + ": " + r.error());
      ToolErrors.busyboxUsage(c, usage);
      return null;
    }
    return r;
  }

  private static int adduserOrDie(ToolContext c, List<String> args) {
    FileSystem fs = c.fs();
    if (c.uid() != 0) {
      throw new Die("permission denied (are you root?)");
    }
    GetoptLong.Result p = parse(c, args, "hgsGuk", "DSH", ADDUSER_LONG, ADDUSER_USAGE);
    if (p == null) {
      return 1;
    }
    if (p.operands().isEmpty() || p.operands().size() > 2) {
      ToolErrors.busyboxUsage(c, ADDUSER_USAGE);
      return 1;
    }
    String name = p.operands().get(0);
    long uid = -1;
    if (p.has('u')) {
      uid = number(p.opts().get('u'));
    }
    if (p.opts().isEmpty() && p.operands().size() == 2) {
      // adduser USER GROUP: addgroup -- USER GROUP, its status
      return addgroup(c, List.of("--", name, p.operands().get(1)));
    }
    checkName(name);
    boolean system = p.has('S');
    String home = p.opts().getOrDefault('h', "/home/" + name);
    String gecos = p.opts().getOrDefault('g', "Linux User,,,");
    String shell = p.opts().get('s');
    if (shell == null) {
      shell = system ? "/bin/false" : rootShell(c);
    }
    String usegroup = p.opts().get('G');
    if (system && usegroup == null) {
      usegroup = "nogroup";
    }
    long gid = -1;
    if (usegroup != null) {
      String[] g = AccountFiles.group(fs, usegroup);
      if (g == null) {
        throw new Die("unknown group " + usegroup);
      }
      gid = Long.parseLong(g[2]);
    }
    // passwd_study: the name is free, then the first free uid (and, for a new group, gid)
    if (AccountFiles.byName(fs, AccountFiles.PASSWD, name) != null) {
      throw new Die("user '" + name + "' in use");
    }
    long max = LAST_ID;
    if (!p.has('u')) {
      uid = system ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1;
      max = system ? LAST_SYSTEM_ID : LAST_ID;
    }
    while (AccountFiles.byId(fs, AccountFiles.PASSWD, uid) != null
        || (gid == -1 && AccountFiles.byId(fs, AccountFiles.GROUP, uid) != null)) {
      if (p.has('u')) {
        throw new Die("uid '" + uid + "' in use");
      }
      if (uid == max) {
        throw new Die("no uids left");
      }
      uid++;
    }
    if (gid == -1) {
      gid = uid;
      if (AccountFiles.byName(fs, AccountFiles.GROUP, name) != null) {
        throw new Die("group '" + name + "' in use");
      }
    }
    AccountFiles.append(
        fs,
        AccountFiles.PASSWD,
        name + ":x:" + uid + ":" + gid + ":" + gecos + ":" + home + ":" + shell);
    if (AccountFiles.exists(fs, AccountFiles.SHADOW)) {
      AccountFiles.append(
          fs, AccountFiles.SHADOW, name + ":!:" + AccountFiles.today(c) + ":0:99999:7:::");
    }
    // the user's own group (addgroup --gid GID -- USER) or membership of -G's
    if (usegroup != null) {
      addgroup(c, List.of("--", name, usegroup));
    } else {
      addgroup(c, List.of("--gid", String.valueOf(gid), "--", name));
    }
    if (!p.has('H')) {
      makeHome(c, home, (int) uid, (int) gid, p.opts().getOrDefault('k', "/etc/skel"));
    }
    if (!p.has('D') && !system) {
      return passwd(c, name);
    }
    return 0;
  }

  /** mkdir 0755, the skeleton copied in, chown, chmod 02755; a failure is reported, not fatal. */
  private static void makeHome(ToolContext c, String home, int uid, int gid, String skel) {
    FileSystem fs = c.fs();
    boolean made = false;
    try {
      if (!fs.exists(home)) {
        fs.mkdir(home, false);
        made = true;
      }
    } catch (FsException e) {
      c.io().errln("adduser: " + home + ": " + e.errno().text);
      return;
    }
    if (made) {
      AccountFiles.copySkel(fs, skel, home, uid, gid);
    }
    AccountFiles.chown(fs, home, uid, gid);
    fs.chmod(home, 02755);
  }

  /**
   * busybox's passwd for the new user, as adduser execs it without -D: each prompt on stdout and a
   * newline after each answer (echo is off); with no answer (a build's RUN, {@code docker run}
   * without -i) or two that differ the password stays unset and passwd fails. A password it takes
   * is written to /etc/shadow as a SHA-512 crypt string (a stand-in: the same shape, not crypt(3)'s
   * bytes); {@code Bad password: too short} is said, and allowed, for root.
   */
  private static int passwd(ToolContext c, String name) {
    String in = c.io().stdin();
    List<String> answers = new java.util.ArrayList<>();
    if (in != null && !in.isEmpty()) {
      answers.addAll(List.of(in.split("\n", -1)));
      if (in.endsWith("\n")) {
        answers.remove(answers.size() - 1);
      }
    }
    c.io().out().accept("Changing password for " + name + "\nNew password: \n");
    if (answers.isEmpty()) {
      return unchanged(c, name);
    }
    if (answers.get(0).length() < 6) {
      c.io().out().accept("Bad password: too short\n");
    }
    c.io().out().accept("Retype password: \n");
    if (answers.size() < 2) {
      return unchanged(c, name);
    }
    if (!answers.get(0).equals(answers.get(1))) {
      c.io().out().accept("Passwords don't match\n");
      return unchanged(c, name);
    }
    FileSystem fs = c.fs();
    List<String> lines = AccountFiles.lines(fs, AccountFiles.SHADOW);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(":", -1);
      if (f[0].equals(name) && f.length > 2) {
        f[1] = crypt(name, answers.get(0));
        f[2] = String.valueOf(Math.max(1, AccountFiles.today(c)));
        lines.set(i, String.join(":", f));
        AccountFiles.rewrite(fs, AccountFiles.SHADOW, lines);
      }
    }
    c.io().println("passwd: password for " + name + " changed by root");
    return 0;
  }

  private static int unchanged(ToolContext c, String name) {
    c.io().errln("passwd: password for " + name + " is unchanged");
    return 1;
  }

  /** {@code $6$SALT$HASH}: a salt and a digest from the name and the password (deterministic). */
  private static String crypt(String name, String password) {
    try {
      var md = java.security.MessageDigest.getInstance("SHA-512");
      byte[] salt = md.digest(("salt:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.reset();
      md.update(salt);
      byte[] hash = md.digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var b64 = java.util.Base64.getEncoder().withoutPadding();
      String s = b64.encodeToString(salt).replace('+', '.').substring(0, 16);
      String h = b64.encodeToString(hash).replace('+', '.').substring(0, 86);
      return "$6$" + s + "$" + h;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int addgroupOrDie(ToolContext c, List<String> args, String applet) {
    FileSystem fs = c.fs();
    if (c.uid() != 0) {
      throw new Die("permission denied (are you root?)");
    }
    GetoptLong.Result p =
        parse(c, args, "g", "S", Map.of("gid", 'g', "system", 'S'), ADDGROUP_USAGE);
    if (p == null) {
      return 1;
    }
    if (p.operands().isEmpty() || p.operands().size() > 2) {
      ToolErrors.busyboxUsage(c, ADDGROUP_USAGE);
      return 1;
    }
    if (p.operands().size() == 2) {
      if (p.has('g')) {
        ToolErrors.busyboxUsage(c, ADDGROUP_USAGE);
        return 1;
      }
      String user = p.operands().get(0);
      String group = p.operands().get(1);
      if (AccountFiles.byName(fs, AccountFiles.PASSWD, user) == null) {
        throw new Die("unknown user " + user);
      }
      String[] g = AccountFiles.byName(fs, AccountFiles.GROUP, group);
      if (g == null) {
        throw new Die("unknown group " + group);
      }
      if (!AccountFiles.isMember(g, user)) {
        AccountFiles.addMember(fs, group, user);
      }
      return 0;
    }
    String name = p.operands().get(0);
    checkName(name);
    long gid = number(p.opts().getOrDefault('g', "0"));
    if (AccountFiles.byName(fs, AccountFiles.GROUP, name) != null) {
      throw new Die("group '" + name + "' in use");
    }
    long max = LAST_ID;
    if (!p.has('g')) {
      gid = p.has('S') ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1;
      max = p.has('S') ? LAST_SYSTEM_ID : LAST_ID;
    }
    while (AccountFiles.byId(fs, AccountFiles.GROUP, gid) != null) {
      if (p.has('g')) {
        throw new Die("gid '" + gid + "' in use");
      }
      if (gid == max) {
        throw new Die("no gids left");
      }
      gid++;
    }
    AccountFiles.append(fs, AccountFiles.GROUP, name + ":x:" + gid + ":");
    return 0;
  }

  /** xatou_range(s, 0, LAST_ID). */
  private static long number(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 18) {
      throw new Die("invalid number '" + s + "'");
    }
    long n = Long.parseLong(s);
    if (n > LAST_ID) {
      throw new Die("number " + s + " is not in 0.." + LAST_ID + " range");
    }
    return n;
  }

  /**
   * die_if_bad_username: letters, digits and '_' anywhere, '-' and '.' after the first character,
   * '$' as the last one.
   */
  private static void checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (i > 0 && (ch == '-' || ch == '.' || (ch == '$' && i == name.length() - 1))) {
        continue;
      }
      if (ch == '_' || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) {
        continue;
      }
      int code =
          name.getBytes(java.nio.charset.StandardCharsets.UTF_8)[
                  name.substring(0, i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length]
              & 0xff;
      throw new Die(
          "illegal character with code "
              + code
              + " at position "
              + name.substring(0, i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 256) {
      throw new Die("name is too long");
    }
  }

  /** get_shell_name(): $SHELL, else the shell /etc/passwd gives the caller, else /bin/sh. */
  private static String rootShell(ToolContext c) {
    String env = c.env().get("SHELL");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    String[] me = AccountFiles.byId(c.fs(), AccountFiles.PASSWD, c.uid());
    return me != null && me.length > 6 && !me[6].isEmpty() ? me[6] : "/bin/sh";
  }
}
