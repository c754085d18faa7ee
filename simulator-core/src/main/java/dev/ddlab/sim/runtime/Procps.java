package dev.ddlab.sim.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * procps-ng's ps (4.0, the host's ps that dockerd runs for docker top) over the simulated process
 * table: Unix, BSD and long options, the standard formats (-f, -l, -F, -j, u, j, l, v, the
 * defaults) and -o with the usual format specifiers, selections (-e, -p, -q, -u, -C, --ppid), sort
 * keys and the forest, and procps's error texts. Values are honest for simulated processes: host
 * PIDs, users, start and elapsed times on the virtual clock; no CPU time is ever used, so TIME is
 * zero and %CPU 0.0. Options procps knows that change nothing here (threads, -c, -n, w) are
 * accepted and have no effect; format specifiers procps knows and the simulator has no value for
 * print "-", as procps does for data it cannot read.
 */
public final class Procps {
  private Procps() {}

  /** One process as /proc shows it to the host. */
  public record Task(
      int pid,
      int ppid,
      int sid,
      int uid,
      String user,
      String comm,
      String args,
      long startedNanos,
      char state,
      String tty,
      long vszKib,
      long rssKib,
      String wchan) {}

  /** What ps wrote and its exit status. */
  public record Result(String out, String err, int status) {}

  /** The memory the simulated hosts report (MemTotal), for %MEM. */
  private static final long MEM_TOTAL_KIB = Kernel.MEM_TOTAL_BYTES / 1024;

  private static final String USAGE =
      """

      Usage:
       ps [options]

       Try 'ps --help <simple|list|output|threads|misc|all>'
        or 'ps --help <s|l|o|t|m|a>'
       for additional help text.

      For more details see ps(1).
      """;

  /** A format specifier: header, width, alignment and the value for a task. */
  private record Spec(String header, int width, boolean right, Function<Row, String> value) {}

  /**
   * A task with what its columns need: the moment, its depth in a forest, and whether it is its
   * terminal's foreground process (STAT "+").
   */
  private record Row(Task t, long nowNanos, int depth, boolean foreground) {}

  private static final Map<String, Spec> SPECS = new HashMap<>();

  private static final DateTimeFormatter LSTART =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  /** Specifiers procps knows that the simulator has no value for: they print "-". */
  private static final Set<String> UNKNOWN_VALUES =
      Set.of(
          "cgroup",
          "pidns",
          "netns",
          "mntns",
          "ipcns",
          "utsns",
          "userns",
          "lsession",
          "luid",
          "machine",
          "ouid",
          "seat",
          "slice",
          "unit",
          "uunit",
          "eip",
          "esp",
          "blocked",
          "caught",
          "ignored",
          "pending",
          "sig",
          "sigcatch",
          "sigignore",
          "sigmask",
          "policy",
          "class",
          "rtprio",
          "sched",
          "sgi_p",
          "env",
          "environ");

  private static void spec(
      String names, String header, int width, boolean right, Function<Row, String> v) {
    for (String n : names.split(",")) {
      SPECS.put(n, new Spec(header, width, right, v));
    }
  }

  static {
    spec("pid,tgid", "PID", 7, true, r -> Integer.toString(r.t.pid));
    spec("ppid", "PPID", 7, true, r -> Integer.toString(r.t.ppid));
    spec("pgid,pgrp", "PGID", 7, true, r -> Integer.toString(r.t.sid));
    spec("sid,sess,session", "SID", 7, true, r -> Integer.toString(r.t.sid));
    spec("tpgid", "TPGID", 7, true, r -> r.t.tty.equals("?") ? "-1" : Integer.toString(r.t.sid));
    spec("lwp,spid,tid", "LWP", 7, true, r -> Integer.toString(r.t.pid));
    SPECS.put("spid", new Spec("SPID", 7, true, r -> Integer.toString(r.t.pid)));
    SPECS.put("tid", new Spec("TID", 7, true, r -> Integer.toString(r.t.pid)));
    spec("nlwp,thcount", "NLWP", 4, true, r -> "1");
    spec("uid,euid", "UID", 5, true, r -> Integer.toString(r.t.uid));
    SPECS.put("euid", new Spec("EUID", 5, true, r -> Integer.toString(r.t.uid)));
    spec("ruid", "RUID", 5, true, r -> Integer.toString(r.t.uid));
    spec("suid", "SUID", 5, true, r -> Integer.toString(r.t.uid));
    spec("fuid,fsuid", "FUID", 5, true, r -> Integer.toString(r.t.uid));
    spec("gid,egid", "GID", 5, true, r -> Integer.toString(r.t.uid));
    SPECS.put("egid", new Spec("EGID", 5, true, r -> Integer.toString(r.t.uid)));
    spec("user,uname,euser", "USER", 8, false, r -> user(r.t));
    SPECS.put("euser", new Spec("EUSER", 8, false, r -> user(r.t)));
    spec("ruser", "RUSER", 8, false, r -> user(r.t));
    spec("suser", "SUSER", 8, false, r -> user(r.t));
    spec("group,egroup", "GROUP", 8, false, r -> user(r.t));
    SPECS.put("egroup", new Spec("EGROUP", 8, false, r -> user(r.t)));
    spec("comm,ucomm", "COMMAND", 15, false, r -> forest(r, r.t.comm));
    spec("ucmd", "CMD", 15, false, r -> forest(r, r.t.comm));
    spec("args,command", "COMMAND", 27, false, r -> forest(r, r.t.args));
    spec("cmd", "CMD", 27, false, r -> forest(r, r.t.args));
    spec("etime", "ELAPSED", 11, true, r -> elapsed(r.nowNanos - r.t.startedNanos));
    spec("etimes", "ELAPSED", 7, true, r -> Long.toString(seconds(r.nowNanos - r.t.startedNanos)));
    spec("time,cputime", "TIME", 8, true, r -> "00:00:00");
    spec("cputimes,times", "TIME", 8, true, r -> "0");
    spec("bsdtime", "TIME", 6, true, r -> "0:00");
    spec("stat", "STAT", 4, false, Procps::stat);
    spec("s,state", "S", 1, false, r -> String.valueOf(r.t.state));
    spec("tty,tt", "TT", 8, false, r -> r.t.tty);
    spec("tname", "TTY", 8, false, r -> r.t.tty);
    spec("c", "C", 2, true, r -> "0");
    spec("%cpu,pcpu", "%CPU", 4, true, r -> "0.0");
    spec("%mem,pmem", "%MEM", 4, true, r -> percent(r.t.rssKib * 1000 / MEM_TOTAL_KIB));
    spec("vsz,vsize", "VSZ", 6, true, r -> Long.toString(r.t.vszKib));
    spec("rss,rssize", "RSS", 5, true, r -> Long.toString(r.t.rssKib));
    spec("rsz", "RSZ", 5, true, r -> Long.toString(r.t.rssKib));
    spec("sz", "SZ", 5, true, r -> Long.toString(r.t.vszKib / 4));
    spec("drs", "DRS", 5, true, r -> Long.toString(r.t.vszKib));
    spec("trs", "TRS", 4, true, r -> "0");
    spec("maj_flt,majflt", "MAJFL", 6, true, r -> "0");
    SPECS.put("majflt", new Spec("MAJFLT", 6, true, r -> "0"));
    spec("min_flt,minflt", "MINFL", 6, true, r -> "0");
    SPECS.put("minflt", new Spec("MINFLT", 6, true, r -> "0"));
    spec("ni,nice", "NI", 3, true, r -> "0");
    spec("pri", "PRI", 3, true, r -> "19");
    spec("opri", "PRI", 3, true, r -> "80");
    spec("psr", "PSR", 3, true, r -> "0");
    spec("f,flag,flags", "F", 1, true, r -> r.t.sid == r.t.pid ? "4" : "0");
    spec("wchan", "WCHAN", 6, false, r -> r.t.state == 'R' ? "-" : r.t.wchan);
    spec("addr", "ADDR", 4, true, r -> "-");
    spec("stime,start_time", "STIME", 5, false, r -> stime(r));
    SPECS.put("start_time", new Spec("START", 5, false, Procps::stime));
    spec("start", "STARTED", 8, true, Procps::start);
    spec("bsdstart", "START", 6, true, Procps::bsdstart);
    spec("lstart", "STARTED", 24, true, r -> LSTART.format(at(r.t.startedNanos)));
    spec("label", "LABEL", 31, false, r -> "-");
  }

  /** The formats the standard options stand for. */
  private static final String UNIX_DEFAULT = "pid,tname,time,ucmd";

  private static final String UNIX_F = "user=UID,pid,ppid,c,stime,tname,time,cmd";
  private static final String UNIX_L = "f,s,uid,pid,ppid,c,opri,ni,addr:1,sz,wchan,tname,time,ucmd";
  private static final String UNIX_FL =
      "f,s,user=UID,pid,ppid,c,opri,ni,addr:1,sz,wchan,stime,tname,time,cmd";
  private static final String UNIX_LY = "s,uid,pid,ppid,c,opri,ni,rss,sz,wchan,tname,time,ucmd";
  private static final String UNIX_FLY =
      "s,user=UID,pid,ppid,c,opri,ni,rss,sz,wchan,stime,tname,time,cmd";
  private static final String UNIX_FF = "user=UID,pid,ppid,c,sz,rss,psr,stime,tname,time,cmd";
  private static final String UNIX_J = "pid,pgid,sid,tname,time,ucmd";
  private static final String UNIX_FJ = "user=UID,pid,ppid,pgid,sid,c,stime,tname,time,cmd";
  private static final String BSD_DEFAULT = "pid,tname,stat,bsdtime,args";
  private static final String BSD_U =
      "user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args";
  private static final String BSD_J = "ppid,pid,pgid,sid,tname,tpgid,stat,uid,bsdtime,args";
  private static final String BSD_L =
      "f,uid,pid,ppid,pri=PRI,ni,vsz,rss,wchan,stat,tname,bsdtime,args";
  private static final String BSD_V = "pid,tname,stat,bsdtime,maj_flt=MAJFL,trs,drs,rss,%mem,args";

  private static final String UNIX_FLAGS = "AaCcdeFfGgHjLlMmNnOopqsTtUuVwxyZP";
  private static final String BSD_FLAGS = "acefghjklLmnOopqrSsTtUuvwxXZV";

  /** What the options asked for. */
  private static final class Request {
    boolean all;
    boolean withTty;
    boolean noTty;
    boolean notSessionLeaders;
    List<Integer> quick;
    final List<Integer> pids = new ArrayList<>();
    final List<Integer> ppids = new ArrayList<>();
    final List<String> users = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    boolean listSelection;
    boolean unixF;
    boolean unixL;
    boolean unixFF;
    boolean unixJ;
    boolean unixY;
    boolean label;
    char bsdFormat;
    final List<String> custom = new ArrayList<>();
    boolean forest;
    boolean noHeaders;
    final List<String> sort = new ArrayList<>();
  }

  /** Signals a ps error: procps prints it with its usage (or alone) and exits 1. */
  private static final class PsError extends RuntimeException {
    final boolean usage;

    PsError(String message, boolean usage) {
      super(message, null, false, false);
      this.usage = usage;
    }
  }

  /**
   * Runs {@code ps args} as user {@code callerUid} on terminal {@code callerTty} ("?" for none, as
   * dockerd runs it) over {@code tasks} at {@code nowNanos}.
   */
  public static Result ps(
      List<String> args, List<Task> tasks, long nowNanos, int callerUid, String callerTty) {
    try {
      Request req = parse(args);
      List<Task> selected = select(req, tasks, callerUid, callerTty);
      return new Result(format(req, selected, tasks, nowNanos), "", 0);
    } catch (PsError e) {
      return new Result("", e.getMessage() + "\n" + (e.usage ? USAGE : ""), 1);
    }
  }

  // ---- options ---------------------------------------------------------------------------------

  private static Request parse(List<String> args) {
    Request req = new Request();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        i = longOption(req, args, i);
      } else {
        i = letters(req, args, i, a.startsWith("-"));
      }
    }
    if (req.unixY && !req.unixL) {
      throw new PsError("error: modifier -y without format -l makes no sense", true);
    }
    int formats =
        (req.custom.isEmpty() ? 0 : 1)
            + (req.unixL ? 1 : 0)
            + (req.bsdFormat != 0 ? 1 : 0)
            + (req.unixFF || req.unixJ ? 1 : 0);
    if (formats > 1) {
      throw new PsError("error: conflicting format options", true);
    }
    if (req.quick != null) {
      if (req.listSelection) {
        throw new PsError(
            "q/-q/--quick-pid cannot be combined with other selection options.", false);
      }
      if (req.forest || (req.unixF && !req.custom.isEmpty())) {
        throw new PsError(
            "q/-q/--quick-pid cannot be used together with forest type listings.", false);
      }
      if (!req.sort.isEmpty()) {
        throw new PsError("q/-q,--quick-pid cannot be used together with sort options.", false);
      }
    }
    return req;
  }

  /**
   * One word of single-letter options, Unix ({@code -ef}) or BSD ({@code aux}); a letter that takes
   * a value takes the rest of the word or the next one. Returns the index of the last word used.
   */
  private static int letters(Request req, List<String> args, int i, boolean unix) {
    String a = args.get(i);
    for (int j = unix ? 1 : 0; j < a.length(); j++) {
      char o = a.charAt(j);
      if ((unix ? UNIX_FLAGS : BSD_FLAGS).indexOf(o) < 0) {
        throw new PsError(
            unix ? "error: unsupported SysV option" : "error: unsupported option (BSD syntax)",
            true);
      }
      if ((unix ? "opqUuCgGstO" : "opqUtkO").indexOf(o) >= 0) {
        String value = a.substring(j + 1);
        if (value.isEmpty()) {
          if (i + 1 >= args.size()) {
            throw missing(o);
          }
          value = args.get(++i);
        }
        if (unix) {
          unixWithValue(req, o, value);
        } else {
          bsdWithValue(req, o, value);
        }
        return i;
      }
      if (unix) {
        unixFlag(req, o);
      } else {
        bsdFlag(req, o);
      }
    }
    return i;
  }

  private static PsError missing(char o) {
    return switch (o) {
      case 'o', 'O' -> new PsError("error: format specification must follow -" + o, true);
      case 'p', 'q' -> new PsError("error: list of process IDs must follow -" + o, true);
      case 'u', 'U' -> new PsError("error: list of users must follow -" + o, true);
      case 'C' -> new PsError("error: list of command names must follow -C", true);
      case 'k' -> new PsError("error: unknown sort specifier", true);
      default -> new PsError("error: list of terminals (pty, tty...) must follow -" + o, true);
    };
  }

  private static void unixFlag(Request req, char o) {
    switch (o) {
      case 'A', 'e' -> req.all = true;
      case 'a' -> {
        req.withTty = true;
        req.notSessionLeaders = true;
      }
      case 'd' -> req.notSessionLeaders = true;
      case 'f' -> req.unixF = true;
      case 'F' -> req.unixFF = true;
      case 'l' -> req.unixL = true;
      case 'j' -> req.unixJ = true;
      case 'y' -> req.unixY = true;
      case 'H' -> req.forest = true;
      case 'M', 'Z' -> req.label = true;
      case 'N' ->
          throw new PsError(
              "q/-q/--quick-pid cannot be used together with negation switches.", false);
      default -> {} // threads, scheduling class, wide output: nothing to show for simulated tasks
    }
  }

  private static void unixWithValue(Request req, char o, String value) {
    switch (o) {
      case 'o', 'O' -> req.custom.add(value);
      case 'p' -> {
        req.pids.addAll(pidList(value));
        req.listSelection = true;
      }
      case 'q' -> req.quick = pidList(value);
      case 'u', 'U' -> {
        req.users.addAll(List.of(value.split(",")));
        req.listSelection = true;
      }
      case 'C' -> {
        req.commands.addAll(List.of(value.split(",")));
        req.listSelection = true;
      }
      default -> req.listSelection = true; // -g -G -s -t: nothing in the simulated host matches
    }
  }

  private static void bsdFlag(Request req, char o) {
    switch (o) {
      case 'a' -> req.withTty = true;
      case 'x' -> req.noTty = true;
      case 'u', 'j', 'l', 'v', 's' -> {
        if (req.bsdFormat != 0 && req.bsdFormat != o) {
          throw new PsError("error: conflicting format options", true);
        }
        req.bsdFormat = o;
      }
      case 'f' -> req.forest = true;
      case 'h' -> req.noHeaders = true;
      case 'Z' -> req.label = true;
      default -> {} // e (environment), w, c, n, S, r, L, m: nothing different for simulated tasks
    }
  }

  private static void bsdWithValue(Request req, char o, String value) {
    switch (o) {
      case 'o', 'O' -> req.custom.add(value);
      case 'p' -> {
        req.pids.addAll(pidList(value));
        req.listSelection = true;
      }
      case 'q' -> req.quick = pidList(value);
      case 'U' -> {
        req.users.addAll(List.of(value.split(",")));
        req.listSelection = true;
      }
      case 'k' -> req.sort.addAll(sortKeys(value));
      default -> req.listSelection = true;
    }
  }

  private static int longOption(Request req, List<String> args, int i) {
    String a = args.get(i);
    String name = a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2);
    boolean takesValue =
        Set.of(
                "format",
                "pid",
                "ppid",
                "quick-pid",
                "sort",
                "user",
                "User",
                "cols",
                "columns",
                "width",
                "lines",
                "rows",
                "tty",
                "Group",
                "group",
                "sid")
            .contains(name);
    String value = null;
    if (takesValue) {
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new PsError("error: unknown gnu long option", true);
      }
    }
    switch (name) {
      case "format" -> req.custom.add(value);
      case "pid" -> {
        req.pids.addAll(pidList(value));
        req.listSelection = true;
      }
      case "ppid" -> {
        req.ppids.addAll(pidList(value));
        req.listSelection = true;
      }
      case "quick-pid" -> req.quick = pidList(value);
      case "sort" -> req.sort.addAll(sortKeys(value));
      case "user", "User" -> {
        req.users.addAll(List.of(value.split(",")));
        req.listSelection = true;
      }
      case "tty", "Group", "group", "sid" -> req.listSelection = true;
      case "forest" -> req.forest = true;
      case "no-headers", "no-heading" -> req.noHeaders = true;
      case "deselect" ->
          throw new PsError(
              "q/-q/--quick-pid cannot be used together with negation switches.", false);
      case "cols", "columns", "width", "lines", "rows", "headers", "cumulative", "sig" -> {}
      case "help", "info", "version" ->
          throw new PsError("error: the option is exclusive: --" + name, true);
      default -> throw new PsError("error: unknown gnu long option", true);
    }
    return i;
  }

  private static List<Integer> pidList(String value) {
    List<Integer> out = new ArrayList<>();
    for (String p : value.split("[, ]")) {
      if (p.isEmpty()) {
        continue;
      }
      if (!p.matches("\\d{1,9}") || Integer.parseInt(p) == 0) {
        throw new PsError("error: process ID list syntax error", true);
      }
      out.add(Integer.parseInt(p));
    }
    if (out.isEmpty()) {
      throw new PsError("error: process ID list syntax error", true);
    }
    return out;
  }

  private static List<String> sortKeys(String value) {
    List<String> keys = new ArrayList<>();
    for (String k : value.split(",")) {
      String key = k.startsWith("+") || k.startsWith("-") ? k.substring(1) : k;
      if (!SPECS.containsKey(key)) {
        throw new PsError("error: unknown sort specifier", true);
      }
      keys.add(k);
    }
    return keys;
  }

  // ---- selection -------------------------------------------------------------------------------

  private static List<Task> select(Request req, List<Task> tasks, int callerUid, String callerTty) {
    List<Task> out = new ArrayList<>();
    for (Task t : tasks) {
      boolean in;
      if (req.quick != null) {
        in = req.quick.contains(t.pid);
      } else if (req.listSelection) {
        in =
            req.pids.contains(t.pid)
                || req.ppids.contains(t.ppid)
                || req.commands.contains(t.comm)
                || req.users.contains(t.user)
                || req.users.contains(Integer.toString(t.uid));
      } else if (req.all) {
        in = true;
      } else {
        boolean hasTty = !t.tty.equals("?");
        boolean leader = t.sid == t.pid;
        if (req.withTty || req.noTty || req.notSessionLeaders) {
          in =
              (req.withTty && req.noTty)
                  || (req.withTty && hasTty && (!req.notSessionLeaders || !leader))
                  || (req.noTty && t.uid == callerUid)
                  || (req.notSessionLeaders && !req.withTty && !leader);
        } else {
          // ps without a selection: the caller's processes on the caller's terminal (none here)
          in = t.uid == callerUid && t.tty.equals(callerTty);
        }
      }
      if (in) {
        out.add(t);
      }
    }
    if (!req.users.isEmpty()
        && out.isEmpty()
        && req.users.stream().noneMatch(u -> u.matches("\\d+"))
        && tasks.stream().noneMatch(t -> req.users.contains(t.user))) {
      throw new PsError("error: user name does not exist", true);
    }
    out.sort(Comparator.comparingInt(Task::pid));
    return out;
  }

  // ---- output ----------------------------------------------------------------------------------

  private record Column(String name, String header, int width, boolean right, Spec spec) {}

  private static List<Column> columns(Request req) {
    String format;
    if (!req.custom.isEmpty()) {
      List<Column> cols = new ArrayList<>();
      if (req.label) {
        cols.addAll(columns("label"));
      }
      for (String f : req.custom) {
        cols.addAll(columns(f));
      }
      return cols;
    }
    if (req.bsdFormat != 0) {
      format =
          switch (req.bsdFormat) {
            case 'u' -> BSD_U;
            case 'j' -> BSD_J;
            case 'l' -> BSD_L;
            case 's' -> "uid,pid,pending,blocked,ignored,caught,stat,tname,bsdtime,args";
            default -> BSD_V;
          };
    } else if (req.unixL) {
      format = req.unixF ? (req.unixY ? UNIX_FLY : UNIX_FL) : (req.unixY ? UNIX_LY : UNIX_L);
    } else if (req.unixFF) {
      format = UNIX_FF;
    } else if (req.unixJ) {
      format = req.unixF ? UNIX_FJ : UNIX_J;
    } else if (req.unixF) {
      format = UNIX_F;
    } else if (req.withTty || req.noTty) {
      format = BSD_DEFAULT;
    } else {
      format = UNIX_DEFAULT;
    }
    List<Column> cols = new ArrayList<>();
    for (String item : ((req.label ? "label," : "") + format).split(",")) {
      cols.addAll(columns(item));
    }
    return cols;
  }

  /** One -o argument: specifiers separated by commas (or blanks); NAME=HEADER takes the rest. */
  private static List<Column> columns(String format) {
    List<Column> cols = new ArrayList<>();
    String rest = format;
    while (!rest.isEmpty()) {
      int eq = rest.indexOf('=');
      int comma = indexOfSeparator(rest);
      String item;
      String header = null;
      if (eq >= 0 && (comma < 0 || eq < comma)) {
        // NAME=HEADER: the header runs to the next blank, or is empty when a comma follows at once
        item = rest.substring(0, eq);
        String after = rest.substring(eq + 1);
        if (after.startsWith(",")) {
          header = "";
          rest = after.substring(1);
        } else {
          int blank = after.indexOf(' ');
          header = blank < 0 ? after : after.substring(0, blank);
          rest = blank < 0 ? "" : after.substring(blank + 1);
        }
      } else if (comma >= 0) {
        item = rest.substring(0, comma);
        rest = rest.substring(comma + 1);
      } else {
        item = rest;
        rest = "";
      }
      if (item.isEmpty()) {
        continue;
      }
      int width = -1;
      if (item.contains(":")) {
        String w = item.substring(item.indexOf(':') + 1);
        item = item.substring(0, item.indexOf(':'));
        if (!w.matches("\\d{1,4}")) {
          throw new PsError(
              "error: unknown user-defined format specifier \"" + item + ":" + w + "\"", true);
        }
        width = Integer.parseInt(w);
      }
      Spec s = SPECS.get(item);
      if (s == null && UNKNOWN_VALUES.contains(item)) {
        s = new Spec(item.toUpperCase(Locale.ROOT), 8, false, r -> "-");
      }
      if (s == null) {
        throw new PsError("error: unknown user-defined format specifier \"" + item + "\"", true);
      }
      String h = header == null ? s.header() : header;
      cols.add(new Column(item, h, width >= 0 ? width : Math.max(s.width(), 0), s.right(), s));
    }
    return cols;
  }

  private static int indexOfSeparator(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ',' || s.charAt(i) == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static String format(Request req, List<Task> tasks, List<Task> all, long nowNanos) {
    List<Column> cols = columns(req);
    List<Row> rows = new ArrayList<>();
    if (req.forest) {
      forestOrder(tasks, rows, nowNanos);
    } else {
      for (Task t : tasks) {
        rows.add(new Row(t, nowNanos, 0, false));
      }
      sort(req, rows);
    }
    Set<Integer> fg = foreground(all);
    rows.replaceAll(r -> new Row(r.t, r.nowNanos, r.depth, fg.contains(r.t.pid)));
    StringBuilder out = new StringBuilder();
    boolean headers = !req.noHeaders && cols.stream().anyMatch(c -> !c.header().isEmpty());
    if (headers) {
      List<String> h = new ArrayList<>();
      for (Column c : cols) {
        h.add(c.header());
      }
      line(out, cols, h);
    }
    for (Row r : rows) {
      List<String> v = new ArrayList<>();
      for (Column c : cols) {
        v.add(c.spec().value().apply(r));
      }
      line(out, cols, v);
    }
    return out.toString();
  }

  /**
   * Columns one blank apart, each ending where its width puts it; a value wider than its column
   * pushes the line right and the following columns take the excess back from their padding (how
   * procps fits "ADDR SZ"). The last column is never cut or padded.
   */
  private static void line(StringBuilder out, List<Column> cols, List<String> values) {
    StringBuilder sb = new StringBuilder();
    int end = -1;
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      String v = values.get(i);
      boolean last = i == cols.size() - 1;
      if (i > 0) {
        sb.append(' ');
      }
      end += 1 + c.width();
      if (c.right()) {
        sb.append(" ".repeat(Math.max(0, end - sb.length() - v.length()))).append(v);
      } else if (last) {
        sb.append(v);
      } else {
        String cut = v.length() > c.width() && c.width() >= 15 ? v.substring(0, c.width()) : v;
        sb.append(cut).append(" ".repeat(Math.max(0, end - sb.length())));
      }
    }
    out.append(sb.toString().stripTrailing()).append('\n');
  }

  private static void sort(Request req, List<Row> rows) {
    if (req.sort.isEmpty()) {
      return;
    }
    Comparator<Row> cmp = null;
    for (String k : req.sort) {
      boolean desc = k.startsWith("-");
      String key = k.startsWith("+") || k.startsWith("-") ? k.substring(1) : k;
      Spec s = SPECS.get(key);
      Comparator<Row> c =
          key.equals("start_time")
                  || key.equals("stime")
                  || key.equals("start")
                  || key.equals("lstart")
                  || key.equals("bsdstart")
                  || key.startsWith("etime")
              ? Comparator.comparingLong(r -> r.t.startedNanos)
              : (a, b) -> compareValues(s.value().apply(a), s.value().apply(b));
      if (desc) {
        c = c.reversed();
      }
      cmp = cmp == null ? c : cmp.thenComparing(c);
    }
    rows.sort(cmp);
  }

  private static int compareValues(String a, String b) {
    if (a.matches("-?\\d+(\\.\\d+)?") && b.matches("-?\\d+(\\.\\d+)?")) {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    }
    return a.compareTo(b);
  }

  /** ps --forest: children under their parent, indented with procps's " \_ ". */
  private static void forestOrder(List<Task> tasks, List<Row> rows, long nowNanos) {
    Set<Integer> pids = new LinkedHashSet<>();
    for (Task t : tasks) {
      pids.add(t.pid);
    }
    for (Task t : tasks) {
      if (!pids.contains(t.ppid)) {
        walk(t, tasks, rows, nowNanos, 0);
      }
    }
  }

  private static void walk(Task t, List<Task> tasks, List<Row> rows, long nowNanos, int depth) {
    rows.add(new Row(t, nowNanos, depth, false));
    for (Task c : tasks) {
      if (c.ppid == t.pid && c.pid != t.pid) {
        walk(c, tasks, rows, nowNanos, depth + 1);
      }
    }
  }

  /**
   * The foreground process of each terminal: the running one (ps itself, when a shell runs it), or
   * else the session leader waiting at its prompt.
   */
  private static Set<Integer> foreground(List<Task> tasks) {
    Map<String, Integer> bySession = new HashMap<>();
    for (Task t : tasks) {
      if (t.tty.equals("?")) {
        continue;
      }
      String key = t.tty + "/" + t.sid;
      if (t.state == 'R') {
        bySession.put(key, t.pid);
      } else if (t.pid == t.sid) {
        bySession.putIfAbsent(key, t.pid);
      }
    }
    return new java.util.HashSet<>(bySession.values());
  }

  private static String forest(Row r, String command) {
    if (r.depth == 0) {
      return command;
    }
    return " ".repeat(4 * (r.depth - 1)) + " \\_ " + command;
  }

  // ---- values ----------------------------------------------------------------------------------

  /**
   * A stable, plausible virtual size in KiB for a command line (simulated programs use no real
   * memory): the program's usual size, or one derived from its name.
   */
  public static long vszKib(String command) {
    String prog = command.split(" ")[0];
    prog = prog.substring(prog.lastIndexOf('/') + 1);
    long pages =
        switch (prog) {
          case "bash" -> 1147;
          case "sh", "ash" -> 421;
          case "ps" -> 1475;
          case "sleep" -> 397;
          case "top" -> 1580;
          default -> 600 + Math.floorMod(prog.hashCode(), 9000);
        };
    return pages * 4;
  }

  /** The resident size ps shows for a process of this command: a third of its virtual size. */
  public static long rssKib(String command) {
    return vszKib(command) / 3;
  }

  /** Where a process of this program usually sleeps in the kernel (WCHAN). */
  public static String wchan(String comm) {
    return switch (comm) {
      case "sleep" -> "hrtime";
      case "sh", "ash" -> "sigsus";
      case "bash" -> "do_wai";
      default -> "ep_pol";
    };
  }

  private static String user(Task t) {
    return t.user.length() > 8 ? t.user.substring(0, 7) + "+" : t.user;
  }

  private static String stat(Row r) {
    StringBuilder s = new StringBuilder().append(r.t.state);
    if (r.t.sid == r.t.pid) {
      s.append('s');
    }
    if (r.foreground) {
      s.append('+');
    }
    return s.toString();
  }

  private static String percent(long tenths) {
    return (tenths / 10) + "." + (tenths % 10);
  }

  private static long seconds(long nanos) {
    return Math.max(0, nanos / 1_000_000_000L);
  }

  /** etime: [[dd-]hh:]mm:ss. */
  private static String elapsed(long nanos) {
    long s = seconds(nanos);
    long d = s / 86_400;
    long h = s / 3600 % 24;
    long m = s / 60 % 60;
    long sec = s % 60;
    if (d > 0) {
      return String.format(Locale.ROOT, "%d-%02d:%02d:%02d", d, h, m, sec);
    }
    if (h > 0) {
      return String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, sec);
    }
    return String.format(Locale.ROOT, "%02d:%02d", m, sec);
  }

  private static ZonedDateTime at(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC);
  }

  private static boolean within(Row r, long seconds) {
    return r.nowNanos - r.t.startedNanos < seconds * 1_000_000_000L;
  }

  /** STIME: HH:MM within a day, MmmDD within a year, else the year. */
  private static String stime(Row r) {
    ZonedDateTime t = at(r.t.startedNanos);
    if (within(r, 86_400)) {
      return DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(t);
    }
    if (within(r, 365L * 86_400)) {
      return DateTimeFormatter.ofPattern("MMMdd", Locale.ROOT).format(t);
    }
    return Integer.toString(t.getYear());
  }

  private static String start(Row r) {
    ZonedDateTime t = at(r.t.startedNanos);
    return within(r, 86_400)
        ? DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).format(t)
        : DateTimeFormatter.ofPattern("MMM dd", Locale.ROOT).format(t);
  }

  private static String bsdstart(Row r) {
    ZonedDateTime t = at(r.t.startedNanos);
    return within(r, 86_400)
        ? DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).format(t)
        : DateTimeFormatter.ofPattern("MMM dd", Locale.ROOT).format(t);
  }
}
