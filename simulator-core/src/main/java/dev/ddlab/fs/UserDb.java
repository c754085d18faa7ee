package dev.ddlab.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** /etc/passwd and /etc/group as getpwuid(3) and getgrgid(3) read them: id → name. */
public final class UserDb {
  private static final java.util.regex.Pattern NUMERIC =
      java.util.regex.Pattern.compile("\\d{1,9}");

  private UserDb() {}

  /** The names by numeric id in {@code file} of {@code fs}; root (0) is always known. */
  public static Map<Integer, String> names(FileSystem fs, String file) {
    Map<Integer, String> m = new HashMap<>();
    try {
      for (String line : new String(fs.read(file), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(":");
        if (f.length >= 3) {
          try {
            m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
          } catch (NumberFormatException e) {
            // skip malformed lines
          }
        }
      }
    } catch (FsException e) {
      // no such file: numeric ids
    }
    m.putIfAbsent(0, "root");
    return m;
  }

  /**
   * The identity a container process runs as, as runc's user.GetExecUser reads {@code --user}: uid
   * and primary gid, the user's name ({@code null} for a uid /etc/passwd does not list), home ("/"
   * when unknown) and, without an explicit group, the groups /etc/group makes it a member of.
   */
  public record ExecUser(int uid, int gid, String name, String home, List<Integer> groups) {}

  /**
   * {@code spec} is {@code user[:group]}, each a name or a number (empty: root).
   *
   * @throws IllegalArgumentException with libcontainer's text for a name the files do not list
   *     ({@code unable to find user x: no matching entries in passwd file})
   */
  public static ExecUser execUser(FileSystem fs, String spec) {
    String s = spec == null ? "" : spec;
    int colon = s.indexOf(':');
    String userPart = colon < 0 ? s : s.substring(0, colon);
    String groupPart = colon < 0 ? "" : s.substring(colon + 1);
    if (userPart.isEmpty()) {
      userPart = "0";
    }
    String[] entry = null;
    for (String[] f : lines(fs, "/etc/passwd")) {
      if (f.length >= 4 && (f[0].equals(userPart) || f[2].equals(userPart))) {
        entry = f;
        break;
      }
    }
    int uid;
    int gid = 0;
    String name = null;
    String home = "/";
    if (entry != null) {
      uid = parse(entry[2]);
      gid = parse(entry[3]);
      name = entry[0];
      home = entry.length > 5 && !entry[5].isEmpty() ? entry[5] : "/";
    } else if (NUMERIC.matcher(userPart).matches()) {
      uid = Integer.parseInt(userPart);
    } else {
      throw new IllegalArgumentException(
          "unable to find user " + userPart + ": no matching entries in passwd file");
    }
    List<Integer> groups = new ArrayList<>();
    if (!groupPart.isEmpty()) {
      gid = groupId(fs, groupPart);
      groups.add(gid);
      return new ExecUser(uid, gid, name, home, groups);
    }
    return new ExecUser(uid, gid, name, home, groups(fs, gid, name));
  }

  /**
   * The primary group, then the groups /etc/group lists {@code name} as a member of (none for a
   * user without a name), each once, as getgrouplist(3) gives them.
   */
  public static List<Integer> groups(FileSystem fs, int gid, String name) {
    List<Integer> groups = new ArrayList<>();
    groups.add(gid);
    if (name != null) {
      for (String[] f : lines(fs, "/etc/group")) {
        if (f.length >= 4 && Arrays.asList(f[3].split(",")).contains(name)) {
          int g = parse(f[2]);
          if (!groups.contains(g)) {
            groups.add(g);
          }
        }
      }
    }
    return groups;
  }

  private static int groupId(FileSystem fs, String group) {
    for (String[] f : lines(fs, "/etc/group")) {
      if (f.length >= 3 && (f[0].equals(group) || f[2].equals(group))) {
        return parse(f[2]);
      }
    }
    if (NUMERIC.matcher(group).matches()) {
      return Integer.parseInt(group);
    }
    throw new IllegalArgumentException(
        "unable to find group " + group + ": no matching entries in group file");
  }

  private static List<String[]> lines(FileSystem fs, String file) {
    List<String[]> out = new ArrayList<>();
    try {
      for (String line : new String(fs.read(file), StandardCharsets.UTF_8).split("\n")) {
        out.add(line.split(":", -1));
      }
    } catch (FsException e) {
      // no such file: numeric ids only
    }
    return out;
  }

  private static int parse(String number) {
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The uid of a user name (or a numeric user), -1 when {@code file} does not know it. */
  public static int uid(FileSystem fs, String user) {
    if (NUMERIC.matcher(user).matches()) {
      return Integer.parseInt(user);
    }
    for (Map.Entry<Integer, String> e : names(fs, "/etc/passwd").entrySet()) {
      if (e.getValue().equals(user)) {
        return e.getKey();
      }
    }
    return -1;
  }

  /**
   * The owner BuildKit's file op gives what {@code COPY --chown=spec} copies ({@code readUser}):
   * {@code user[:group]}; a number stands for itself (a lone numeric user is its own group too), a
   * user name is looked up in {@code /etc/passwd} (its uid and primary group), a group name in
   * {@code /etc/group}. A name the files do not list leaves root's 0, as BuildKit does.
   *
   * @return {uid, gid}
   */
  public static int[] copyOwner(FileSystem fs, String spec) {
    int colon = spec.indexOf(':');
    String user = colon < 0 ? spec : spec.substring(0, colon);
    String group = colon < 0 ? "" : spec.substring(colon + 1);
    int uid = 0;
    int gid = 0;
    if (NUMERIC.matcher(user).matches()) {
      uid = Integer.parseInt(user);
      gid = uid;
    } else if (!user.isEmpty()) {
      for (String[] f : lines(fs, "/etc/passwd")) {
        if (f.length >= 4 && f[0].equals(user)) {
          uid = parse(f[2]);
          gid = parse(f[3]);
          break;
        }
      }
    }
    if (NUMERIC.matcher(group).matches()) {
      gid = Integer.parseInt(group);
    } else if (!group.isEmpty()) {
      for (String[] f : lines(fs, "/etc/group")) {
        if (f.length >= 3 && f[0].equals(group)) {
          gid = parse(f[2]);
          break;
        }
      }
    }
    return new int[] {uid, gid};
  }
}
