package dev.ddlab.sim.shell;

import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.Proc.ProcessInfo;
import dev.ddlab.sim.runtime.Procps;
import dev.ddlab.sim.runtime.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** hostname, whoami, id, uname, env, printenv, test, [, date, ps, top, kill, clear, curl, wget. */
final class SystemTools {
  private SystemTools() {}

  static final String KERNEL_VERSION = "#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023";

  static void install(Map<String, Tool> tools) {
    tools.put("hostname", (c, a) -> line(c, c.hostname()));
    tools.put("whoami", SystemTools::whoami);
    tools.put("id", SystemTools::id);
    tools.put("uname", SystemTools::uname);
    tools.put("env", Tool.later(EnvCommand::run));
    tools.put("printenv", SystemTools::printenv);
    tools.put("test", TestCommand.program("test"));
    tools.put("[", TestCommand.program("["));
    tools.put("date", SystemTools::date);
    tools.put("ps", SystemTools::ps);
    tools.put("top", SystemTools::top);
    tools.put("kill", SystemTools::kill);
    tools.put(
        "clear",
        (c, a) -> {
          c.io().out().accept("\u001b[H\u001b[2J\u001b[3J");
          return 0;
        });
    tools.put("curl", Tool.later(SystemTools::curl));
    tools.put("wget", Tool.later(SystemTools::wget));
  }

  private static int line(ToolContext c, String s) {
    c.io().println(s);
    return 0;
  }

  // ---- identity -----------------------------------------------------------------------------

  /**
   * whoami: the name /etc/passwd gives the effective uid; a uid it does not list is an error
   * (busybox: {@code whoami: unknown uid 1000}, coreutils: {@code whoami: cannot find name for user
   * ID 1000}), status 1.
   */
  static int whoami(ToolContext c, List<String> args) {
    String name = UserDb.names(c.fs(), "/etc/passwd").get(c.uid());
    if (name == null && !c.user().equals(String.valueOf(c.uid()))) {
      name = c.user(); // a host whose files do not list its user still knows its name
    }
    if (name == null) {
      c.io()
          .errln(
              c.busybox()
                  ? "whoami: unknown uid " + c.uid()
                  : "whoami: cannot find name for user ID " + c.uid());
      return 1;
    }
    return line(c, name);
  }

  /**
   * id [-ugGnr] [USER], busybox's and coreutils': the process's identity (or USER's from
   * /etc/passwd), names only where /etc/passwd and /etc/group know the ids.
   */
  static int id(ToolContext c, List<String> args) {
    FileTools.Opts o =
        FileTools.opts(
            args,
            "ugGnr",
            Map.of("--user", 'u', "--group", 'g', "--groups", 'G', "--name", 'n', "--real", 'r'));
    if (o.bad() != null) {
      return FileTools.badOption(c, o.bad());
    }
    int uid = c.uid();
    int gid = c.gid();
    List<Integer> groups = c.groups();
    if (!o.operands().isEmpty()) {
      String who = o.operands().get(0);
      UserDb.ExecUser u;
      try {
        u = UserDb.execUser(c.fs(), who);
      } catch (IllegalArgumentException unknown) {
        u = null;
      }
      if (u == null || u.name() == null) {
        c.io().errln(c.busybox() ? "id: unknown user " + who : "id: '" + who + "': no such user");
        return 1;
      }
      uid = u.uid();
      gid = u.gid();
      groups = u.groups();
    }
    Map<Integer, String> users = UserDb.names(c.fs(), "/etc/passwd");
    Map<Integer, String> groupNames = UserDb.names(c.fs(), "/etc/group");
    boolean names = o.has('n');
    if (o.has('u')) {
      return line(c, names ? users.getOrDefault(uid, String.valueOf(uid)) : String.valueOf(uid));
    }
    if (o.has('g')) {
      return line(
          c, names ? groupNames.getOrDefault(gid, String.valueOf(gid)) : String.valueOf(gid));
    }
    if (o.has('G')) {
      List<String> shown = new ArrayList<>();
      for (int g : groups) {
        shown.add(names ? groupNames.getOrDefault(g, String.valueOf(g)) : String.valueOf(g));
      }
      return line(c, String.join(" ", shown));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("uid=").append(named(uid, users)).append(" gid=").append(named(gid, groupNames));
    sb.append(" groups=");
    for (int i = 0; i < groups.size(); i++) {
      sb.append(i > 0 ? "," : "").append(named(groups.get(i), groupNames));
    }
    return line(c, sb.toString());
  }

  /** {@code 1000(name)}, or the bare number when the file does not name it. */
  private static String named(int id, Map<Integer, String> names) {
    String name = names.get(id);
    return name == null ? String.valueOf(id) : id + "(" + name + ")";
  }

  static int uname(ToolContext c, List<String> args) {
    FileTools.Opts o = FileTools.opts(args, "asnrvmpio", Map.of("--all", 'a'));
    if (o.bad() != null) {
      return FileTools.badOption(c, o.bad());
    }
    List<String> parts = new ArrayList<>();
    boolean all = o.has('a');
    if (all || o.has('s') || o.flags().isEmpty()) {
      parts.add("Linux");
    }
    if (all || o.has('n')) {
      parts.add(c.hostname());
    }
    if (all || o.has('r')) {
      parts.add(c.kernelRelease());
    }
    if (all || o.has('v')) {
      parts.add(KERNEL_VERSION);
    }
    if (all || o.has('m')) {
      parts.add("x86_64");
    }
    if ((all && !c.busybox()) || o.has('p')) {
      parts.add(c.busybox() ? "unknown" : "x86_64");
    }
    if ((all && !c.busybox()) || o.has('i')) {
      parts.add(c.busybox() ? "unknown" : "x86_64");
    }
    if (all || o.has('o')) {
      parts.add(c.busybox() ? "Linux" : "GNU/Linux");
    }
    return line(c, String.join(" ", parts));
  }

  static int env(ToolContext c, List<String> args) {
    c.env().forEach((k, v) -> c.io().println(k + "=" + v));
    return 0;
  }

  static int printenv(ToolContext c, List<String> args) {
    if (args.isEmpty()) {
      return env(c, args);
    }
    int status = 0;
    for (String a : args) {
      String v = c.env().get(a);
      if (v == null) {
        status = 1;
      } else {
        c.io().println(v);
      }
    }
    return status;
  }

  // ---- date -----------------------------------------------------------------------------------

  static int date(ToolContext c, List<String> args) {
    long now = c.clock().nowNanos();
    ZonedDateTime t =
        Instant.ofEpochSecond(
                Math.floorDiv(now, 1_000_000_000L), Math.floorMod(now, 1_000_000_000L))
            .atZone(ZoneOffset.UTC);
    for (String a : args) {
      if (a.startsWith("+")) {
        return line(c, strftime(a.substring(1), t));
      }
    }
    return line(c, strftime("%a %b %e %H:%M:%S %Z %Y", t));
  }

  static String strftime(String fmt, ZonedDateTime t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char ch = fmt.charAt(i);
      if (ch != '%' || i + 1 >= fmt.length()) {
        sb.append(ch);
        continue;
      }
      char f = fmt.charAt(++i);
      switch (f) {
        case 'Y' -> sb.append(t.getYear());
        case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
        case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
        case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
        case 'H' -> sb.append(String.format("%02d", t.getHour()));
        case 'M' -> sb.append(String.format("%02d", t.getMinute()));
        case 'S' -> sb.append(String.format("%02d", t.getSecond()));
        case 's' -> sb.append(t.toEpochSecond());
        case 'Z' -> sb.append("UTC");
        case 'z' -> sb.append("+0000");
        case 'a' -> sb.append(DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH).format(t));
        case 'A' -> sb.append(DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH).format(t));
        case 'b', 'h' -> sb.append(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH).format(t));
        case 'B' -> sb.append(DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH).format(t));
        case 'T' -> sb.append(strftime("%H:%M:%S", t));
        case 'F' -> sb.append(strftime("%Y-%m-%d", t));
        case 'D' -> sb.append(strftime("%m/%d/%y", t));
        case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
        case 'N' -> sb.append(String.format("%09d", t.getNano()));
        case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
        case 'u' -> sb.append(t.getDayOfWeek().getValue());
        case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
        case 'k' -> sb.append(String.format("%2d", t.getHour()));
        case 'I' -> sb.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
        case 'l' -> sb.append(String.format("%2d", (t.getHour() + 11) % 12 + 1));
        case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
        case 'R' -> sb.append(strftime("%H:%M", t));
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case '%' -> sb.append('%');
        default -> sb.append('%').append(f);
      }
    }
    return sb.toString();
  }

  // ---- ps, top ---------------------------------------------------------------------------------

  private static String hhmm(long nanos) {
    ZonedDateTime t = Instant.ofEpochSecond(nanos / 1_000_000_000L).atZone(ZoneOffset.UTC);
    return String.format("%02d:%02d", t.getHour(), t.getMinute());
  }

  /** SZ in pages: Procps's stable, plausible size for the command. */
  private static int pages(ProcessInfo p) {
    return (int) (Procps.vszKib(p.command()) / 4);
  }

  /** The process table, with the calling tool itself running (R), as ps sees itself. */
  private static List<ProcessInfo> table(ToolContext c) {
    List<ProcessInfo> procs = new ArrayList<>();
    for (ProcessInfo p : c.processes()) {
      procs.add(
          p.pid() == c.pid() && p.state() != 'R'
              ? new ProcessInfo(
                  p.pid(), p.ppid(), p.hostPid(), p.user(), p.command(), p.startedNanos(), 'R')
              : p);
    }
    return procs;
  }

  static int ps(ToolContext c, List<String> args) {
    List<ProcessInfo> procs = table(c);
    procs.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    String tty = c.tty() ? "pts/0" : "?";
    if (c.busybox()) {
      c.io().println("PID   USER     TIME  COMMAND");
      for (ProcessInfo p : procs) {
        c.io().println(String.format("%5d %-8s %5s %s", p.pid(), p.user(), "0:00", p.command()));
      }
      return 0;
    }
    List<Procps.Task> tasks = new ArrayList<>();
    for (ProcessInfo p : procs) {
      String argv0 = p.command().split(" ")[0];
      // a login shell's argv[0] is "-bash"; its comm is the program's name
      String comm = argv0.substring(argv0.lastIndexOf('/') + 1).replaceFirst("^-", "");
      int uid = p.user().equals(c.user()) ? c.uid() : UserDb.uid(c.fs(), p.user());
      long vsz = Procps.vszKib(p.command());
      tasks.add(
          new Procps.Task(
              p.pid(),
              p.ppid(),
              session(procs, p),
              uid < 0 ? 0 : uid,
              p.user(),
              comm.length() > 15 ? comm.substring(0, 15) : comm,
              p.command(),
              p.startedNanos(),
              p.state(),
              tty,
              vsz,
              Procps.rssKib(p.command()),
              p.pid() == 1 ? "do_wai" : "hrtime"));
    }
    Procps.Result r = Procps.ps(args, tasks, c.clock().nowNanos(), c.uid(), tty);
    if (!r.out().isEmpty()) {
      c.io().out().accept(r.out());
    }
    if (!r.err().isEmpty()) {
      c.io().err().accept(r.err());
    }
    return r.status();
  }

  /** The session a process belongs to: its namespace's PID 1, or itself for a docker exec. */
  private static int session(List<ProcessInfo> procs, ProcessInfo p) {
    ProcessInfo cur = p;
    for (int guard = 0; guard < 64 && cur.pid() != 1 && cur.ppid() != 0; guard++) {
      int parent = cur.ppid();
      cur = procs.stream().filter(q -> q.pid() == parent).findFirst().orElse(null);
      if (cur == null) {
        return p.pid();
      }
    }
    return cur.pid();
  }

  /** One snapshot, as {@code top -b -n 1} prints it (busybox or procps). */
  static int top(ToolContext c, List<String> args) {
    List<ProcessInfo> procs = table(c);
    procs.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    long running = procs.stream().filter(p -> p.state() == 'R').count();
    if (c.busybox()) {
      c.io()
          .println("Mem: 1954536K used, 6105152K free, 5608K shrd, 113880K buff, 1236600K cached");
      c.io().println("CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq");
      int last = procs.isEmpty() ? 0 : procs.get(procs.size() - 1).pid();
      c.io().println("Load average: 0.00 0.00 0.00 " + running + "/" + procs.size() + " " + last);
      c.io().println("  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND");
      for (ProcessInfo p : procs) {
        c.io()
            .println(
                String.format(
                    "%5d %5d %-8s %-4c %5d %3s %3d %3s %s",
                    p.pid(),
                    p.ppid(),
                    p.user(),
                    p.state(),
                    pages(p) * 4,
                    "0%",
                    0,
                    "0%",
                    p.command()));
      }
      return 0;
    }
    ZonedDateTime t =
        Instant.ofEpochSecond(c.clock().nowNanos() / 1_000_000_000L).atZone(ZoneOffset.UTC);
    c.io()
        .println(
            String.format(
                "top - %02d:%02d:%02d up 1 day,  2:03,  0 users,  load average: 0.00, 0.00, 0.00",
                t.getHour(), t.getMinute(), t.getSecond()));
    c.io()
        .println(
            String.format(
                "Tasks: %3d total, %3d running, %3d sleeping,   0 stopped,   0 zombie",
                procs.size(), running, procs.size() - running));
    c.io()
        .println("%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st");
    c.io().println("MiB Mem :   7859.1 total,   5958.2 free,    715.5 used,   1185.4 buff/cache");
    c.io().println("MiB Swap:      0.0 total,      0.0 free,      0.0 used.   6868.8 avail Mem");
    c.io().println("");
    c.io()
        .println("    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND");
    for (ProcessInfo p : procs) {
      String cmd = p.command().split(" ")[0];
      c.io()
          .println(
              String.format(
                  "%7d %-8s  20   0 %7d %6d %6d %c %5s %5s %9s %s",
                  p.pid(),
                  p.user(),
                  pages(p) * 4,
                  pages(p) * 3,
                  pages(p) * 2,
                  p.state(),
                  "0.0",
                  "0.0",
                  "0:00.01",
                  cmd.substring(cmd.lastIndexOf('/') + 1)));
    }
    return 0;
  }

  // ---- kill -----------------------------------------------------------------------------------

  static int kill(ToolContext c, List<String> args) {
    return kill(args, c.io(), c.busybox() ? "kill" : "kill", c.busybox(), c::kill);
  }

  interface Killer {
    boolean kill(int pid, Signal s);
  }

  /**
   * bash's {@code kill -l} and {@code trap -l}: every signal with a name (1 to 31 and the 31
   * real-time ones, 34 to 64) as {@code %2d) %s}, five to a line, each but the fifth followed by a
   * tab (builtins/common.c's display_signal_list), bash 5.2 on this machine.
   */
  static String bashSignalList() {
    StringBuilder sb = new StringBuilder();
    int column = 0;
    for (Signal s : Signal.values()) {
      sb.append(String.format("%2d) %s", s.number(), s.signalName()));
      if (++column < 5) {
        sb.append('\t');
      } else {
        sb.append('\n');
        column = 0;
      }
    }
    if (column != 0) {
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * dash's {@code kill -l}: one a line, from 0 to 64, each number by its name without SIG where
   * dash knows one and as the number where not (16, 32 and 33), the real-time ones as {@code
   * RTMIN+n} / {@code RTMAX-n} (dash 0.5.12 on this machine).
   */
  static String dashSignalList() {
    StringBuilder sb = new StringBuilder("0\n");
    for (int n = 1; n <= 64; n++) {
      Signal s = n == Signal.SIGSTKFLT.number() ? null : Signal.byNumber(n);
      sb.append(s == null ? Integer.toString(n) : s.signalName().substring(3)).append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code kill -l SIGSPEC…}: a number (or an exit status above 128) as its name without SIG, a
   * name (any case, SIG or not) as its number. bash refuses an unknown one ({@code kill: 99:
   * invalid signal specification}, 1); busybox echoes it back.
   */
  private static int signalNames(List<String> specs, Io io, String name, boolean busybox) {
    int status = 0;
    for (String spec : specs) {
      Signal s;
      boolean number = !spec.isEmpty() && spec.chars().allMatch(Character::isDigit);
      if (number) {
        long n = spec.length() > 9 ? -1 : Long.parseLong(spec);
        s = n < 1 ? null : Signal.byNumber((int) (n > 128 ? n - 128 : n));
      } else {
        s = Signal.parse(spec);
      }
      if (s != null) {
        io.println(number ? s.signalName().substring(3) : Integer.toString(s.number()));
      } else if (busybox) {
        io.println(spec);
      } else {
        io.errln(name + ": " + spec + ": invalid signal specification");
        status = 1;
      }
    }
    return status;
  }

  /** kill [-s SIG | -SIG | -N] PID…; shared by the tool and the shells' builtin. */
  static int kill(List<String> args, Io io, String name, boolean busybox, Killer killer) {
    Signal sig = Signal.SIGTERM;
    List<String> pids = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-l") && i + 1 < args.size()) {
        return signalNames(args.subList(i + 1, args.size()), io, name, busybox);
      }
      if (a.equals("-l")) {
        if (!busybox) {
          io.out().accept(bashSignalList());
          return 0;
        }
        StringBuilder sb = new StringBuilder(); // busybox: the 31 standard ones, " 9) KILL"
        for (Signal s : Signal.values()) {
          if (s.standard()) {
            sb.append(String.format("%2d) %s\n", s.number(), s.name().substring(3)));
          }
        }
        io.out().accept(sb.toString());
        return 0;
      }
      if (a.equals("-s") && i + 1 < args.size()) {
        sig = Signal.parse(args.get(++i));
      } else if (a.startsWith("-") && a.length() > 1 && pids.isEmpty()) {
        sig = Signal.parse(a.substring(1));
      } else {
        pids.add(a);
      }
      if (sig == null) {
        io.errln(
            busybox
                ? name + ": bad signal name '" + a.replace("-", "") + "'"
                : name + ": " + a.replace("-", "") + ": invalid signal specification");
        return 1;
      }
    }
    if (pids.isEmpty()) {
      io.errln(
          busybox
              ? ToolErrors.BUSYBOX_BANNER
              : name
                  + ": usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
      return busybox ? 1 : 2;
    }
    int status = 0;
    for (String p : pids) {
      int pid;
      try {
        pid = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        io.errln(
            busybox
                ? name + ": invalid number '" + p + "'"
                : name + ": " + p + ": arguments must be process or job IDs");
        status = 1;
        continue;
      }
      if (!killer.kill(pid, sig)) {
        io.errln(
            busybox
                ? name + ": can't kill pid " + pid + ": No such process"
                : name + ": (" + pid + ") - No such process");
        status = 1;
      }
    }
    return status;
  }

  // ---- curl, wget
  // --------------------------------------------------------------------------------

  /** One GET, answered once its virtual time has passed. */
  private static void fetch(ToolContext c, Target t, Consumer<HttpOutcome> done) {
    ToolContext.Web web = c.web();
    if (web == null) {
      done.accept(HttpOutcome.failed(new NetException(NetException.Kind.UNREACHABLE, t.host())));
      return;
    }
    web.get(t.host(), t.port(), t.path(), done);
  }

  static void curl(ToolContext c, List<String> args, IntConsumer done) {
    String url = null;
    boolean include = false;
    boolean headOnly = false;
    boolean silent = false;
    for (String a : args) {
      if (a.equals("-i") || a.equals("--include")) {
        include = true;
      } else if (a.equals("-I") || a.equals("--head")) {
        headOnly = true;
      } else if (a.equals("-s") || a.equals("--silent") || a.equals("-sS")) {
        silent = true;
      } else if (!a.startsWith("-")) {
        url = a;
      }
    }
    if (url == null) {
      c.io().errln("curl: try 'curl --help' or 'curl --manual' for more information");
      done.accept(2);
      return;
    }
    Target t = Target.parse(url);
    boolean head = include || headOnly;
    boolean bodyToo = !headOnly;
    boolean quiet = silent;
    fetch(c, t, o -> done.accept(curlResult(c, t, o, head, bodyToo, quiet)));
  }

  private static int curlResult(
      ToolContext c, Target t, HttpOutcome o, boolean include, boolean body, boolean silent) {
    try {
      HttpResponse r = o.orThrow();
      if (include) {
        c.io().out().accept("HTTP/1.1 " + r.status() + " " + r.reason() + "\r\n");
        r.headers().forEach((k, v) -> c.io().out().accept(k + ": " + v + "\r\n"));
        c.io().out().accept("\r\n");
      }
      if (body) {
        c.io().out().accept(r.body());
      }
      return 0;
    } catch (NetException e) {
      if (silent) {
        return curlCode(e);
      }
      c.io().errln(curlError(e, t));
      return curlCode(e);
    }
  }

  /** curl 7.81's words for a failed transfer (the host's curl, Ubuntu 22.04). */
  private static String curlError(NetException e, Target t) {
    if (e.kind() == NetException.Kind.UNRESOLVED) {
      return "curl: (6) Could not resolve host: " + t.host();
    }
    if (e.kind() == NetException.Kind.RESET) {
      return "curl: (56) Recv failure: Connection reset by peer";
    }
    return "curl: ("
        + curlCode(e)
        + ") Failed to connect to "
        + t.host()
        + " port "
        + t.port()
        + " after "
        + e.elapsedNanos() / 1_000_000
        + " ms: "
        + e.getMessage();
  }

  private static int curlCode(NetException e) {
    return switch (e.kind()) {
      case UNRESOLVED -> 6;
      case RESET -> 56;
      case TIMEOUT -> 28;
      default -> 7;
    };
  }

  /** The C library's strerror text for a failure: musl's in alpine, glibc's elsewhere. */
  static String strerror(ToolContext c, NetException e) {
    if (!c.fs().exists("/etc/alpine-release")) {
      return e.getMessage();
    }
    return switch (e.kind()) {
      case UNREACHABLE -> "Host is unreachable";
      case NETWORK_UNREACHABLE -> "Network unreachable";
      case TIMEOUT -> "Operation timed out";
      default -> e.getMessage();
    };
  }

  static void wget(ToolContext c, List<String> args, IntConsumer done) {
    String url = null;
    String output = null;
    boolean quiet = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-O") && i + 1 < args.size()) {
        output = args.get(++i);
      } else if (a.startsWith("-O") && a.length() > 2) {
        output = a.substring(2);
      } else if (a.equals("-q")) {
        quiet = true;
      } else if (a.equals("-qO-")) {
        quiet = true;
        output = "-";
      } else if (a.equals("-qO") && i + 1 < args.size()) {
        quiet = true;
        output = args.get(++i);
      } else if (!a.startsWith("-")) {
        url = a;
      }
    }
    if (url == null) {
      c.io().errln(c.busybox() ? ToolErrors.BUSYBOX_BANNER : "wget: missing URL");
      done.accept(1);
      return;
    }
    Target t = Target.parse(url);
    String file = output == null ? "index.html" : output;
    boolean silent = quiet;
    fetch(c, t, o -> done.accept(wgetResult(c, t, o, file, silent)));
  }

  private static int wgetResult(
      ToolContext c, Target t, HttpOutcome o, String file, boolean quiet) {
    try {
      HttpResponse r = o.orThrow();
      if (!quiet) {
        c.io()
            .errln(
                "Connecting to "
                    + t.host()
                    + (t.port() == 80 ? "" : ":" + t.port())
                    + " ("
                    + t.host()
                    + ":"
                    + t.port()
                    + ")");
      }
      if (r.status() >= 400) {
        c.io().errln("wget: server returned error: HTTP/1.1 " + r.status() + " " + r.reason());
        return 1;
      }
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      if (file.equals("-")) {
        if (!quiet) {
          c.io().errln("writing to stdout");
        }
        c.io().out().accept(r.body());
      } else {
        if (!quiet) {
          c.io().errln("saving to '" + file + "'");
        }
        c.fs().write(FileTools.path(c, file), body, false);
        if (!quiet) {
          c.io()
              .errln(
                  String.format(
                      "%-20s 100%% |********************************| %5d  0:00:00 ETA",
                      file, body.length));
          c.io().errln("'" + file + "' saved");
        }
      }
      return 0;
    } catch (NetException e) {
      c.io()
          .errln(
              e.kind() == NetException.Kind.UNRESOLVED
                  ? "wget: bad address '" + t.host() + "'"
                  : e.kind() == NetException.Kind.RESET
                      ? "wget: error getting response: Connection reset by peer"
                      : "wget: can't connect to remote host (" + t.host() + "): " + strerror(c, e));
      return 1;
    }
  }

  /** host, port and path of a curl/wget argument. */
  record Target(String host, int port, String path) {
    static Target parse(String arg) {
      String u = arg.contains("://") ? arg : "http://" + arg;
      String rest = u.substring(u.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      String hostPort = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "/" : rest.substring(slash);
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = u.startsWith("https") ? 443 : 80;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
          // keep the default
        }
      }
      return new Target(host, port, path);
    }
  }
}
