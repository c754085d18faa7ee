package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.TcpOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * busybox {@code nc} as Alpine builds it ({@code networking/nc_bloaty.c}, NC_110_COMPAT with
 * NC_SERVER and NC_EXTRA): {@code nc [-v[v]] [-z] [-w SEC] HOST PORT} connects from the process's
 * namespace, sends its standard input and writes what the server sends until it closes; {@code -z}
 * connects and closes at once. Like netcat 1.10 it is silent when the connection fails (exit 1):
 * {@code -v} reports an open port ({@code web (172.18.0.3:80) open}) and failures other than a
 * refusal, {@code -vv} refusals too and the byte counts, in musl's words. A name that does not
 * resolve is {@code nc: bad address 'NAME'}; a port that is not a number (the images carry no
 * {@code /etc/services}) or missing is port 0, which refuses. Options end at the first operand
 * (musl's getopt). Listen mode ({@code -l}), UDP ({@code -u}) and {@code -e} are not simulated.
 */
final class NcTool implements Tool {
  static final String USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: nc [OPTIONS] HOST PORT  - connect
      nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

      \t-e PROG\tRun PROG after connect (must be last)
      \t-l\tListen mode, for inbound connects
      \t-lk\tWith -e, provides persistent server
      \t-p PORT\tLocal port
      \t-s ADDR\tLocal address
      \t-w SEC\tTimeout for connects and final net reads
      \t-i SEC\tDelay interval for lines sent
      \t-n\tDon't do DNS resolution
      \t-u\tUDP mode
      \t-b\tAllow broadcasts
      \t-v\tVerbose
      \t-o FILE\tHex dump traffic
      \t-z\tZero-I/O mode (scanning)
      """;

  /** No -w: the kernel gives up on the SYN (127 s); the exchange's own horizon covers it. */
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private static final long SECOND = 1_000_000_000L;

  private record Options(
      int verbose, boolean zero, long limitNanos, List<String> operands, String error) {}

  /** getopt32's "np:s:ubvw:+lki:o:z", stopping at the first operand as musl's getopt does. */
  private static Options parse(List<String> args) {
    Parse p = new Parse();
    int first = ShortOptions.scan(args, "wpsio", p);
    return first < 0
        ? new Options(0, false, 0, List.of(), p.error)
        : new Options(
            p.verbose, p.zero, p.limit, new ArrayList<>(args.subList(first, args.size())), null);
  }

  /** The options as they are read; the first error stops them. */
  private static final class Parse implements ShortOptions.Handler {
    int verbose;
    boolean zero;
    long limit = NO_LIMIT;
    String error;

    @Override
    public boolean option(char c, String value) {
      switch (c) {
        case 'v' -> verbose++;
        case 'z' -> zero = true;
        case 'n', 'b', 'i' -> {}
        case 'w' -> {
          if (!value.matches("\\d{1,9}")) {
            error = "invalid number '" + value + "'";
            return false;
          }
          limit = Long.parseLong(value) * SECOND;
        }
        case 'p', 's', 'o', 'l', 'k', 'u', 'e' -> {
          error = "-" + c + " is not simulated by ddlab";
          return false;
        }
        default -> {
          error = "unrecognized option: " + c;
          return false;
        }
      }
      return true;
    }

    @Override
    public void missing(char c) {
      error = "option requires an argument: " + c;
    }
  }

  @Override
  public boolean readsStdin(List<String> args) {
    Options o = parse(args);
    return o.error() == null && !o.zero();
  }

  @Override
  public int run(ToolContext ctx, List<String> args) {
    int[] status = {1};
    run(ctx, args, s -> status[0] = s);
    return status[0];
  }

  @Override
  public void run(ToolContext ctx, List<String> args, IntConsumer done) {
    Options o = parse(args);
    if (o.error() != null) {
      ctx.io().errln("nc: " + o.error());
      if (o.error().startsWith("unrecognized") || o.error().startsWith("option requires")) {
        ctx.io().err().accept(USAGE);
      }
      done.accept(1);
      return;
    }
    if (o.operands().isEmpty() || o.operands().size() > 2) {
      ctx.io().err().accept(USAGE);
      done.accept(1);
      return;
    }
    ToolContext.Tcp tcp = ctx.tcp();
    if (tcp == null) {
      ctx.io().errln("nc: cannot reach the network stack");
      done.accept(1);
      return;
    }
    String host = o.operands().get(0);
    int port = o.operands().size() > 1 ? port(o.operands().get(1)) : 0;
    String piped = o.zero() ? null : ctx.io().stdin();
    String in = piped == null ? "" : piped;
    tcp.exchange(
        host,
        port,
        in.getBytes(StandardCharsets.UTF_8),
        o.limitNanos(),
        r -> done.accept(report(ctx, o, host, port, in.length(), r)));
  }

  /** bb_lookup_port: a number up to 65535, else a service name, else 0 (no /etc/services). */
  private static int port(String text) {
    if (text.matches("\\d{1,5}") && Integer.parseInt(text) <= 0xffff) {
      return Integer.parseInt(text);
    }
    return 0;
  }

  private static int report(
      ToolContext ctx, Options o, String host, int port, int sent, TcpOutcome r) {
    NetException f = r.failure();
    if (f != null && f.kind() == NetException.Kind.UNRESOLVED) {
      ctx.io().errln("nc: bad address '" + host + "'");
      return 1;
    }
    String dotted = r.ip() + ":" + port;
    if (f != null) {
      if (o.verbose() > 1 || (o.verbose() == 1 && f.kind() != NetException.Kind.REFUSED)) {
        ctx.io().errln("nc: " + host + " (" + dotted + "): " + musl(f.kind()));
      }
      if (o.verbose() > 1) {
        ctx.io().err().accept("sent 0, rcvd 0\n");
      }
      return 1;
    }
    if (o.verbose() > 0) {
      ctx.io().err().accept(host + " (" + dotted + ") open\n");
    }
    String got = new String(r.data(), StandardCharsets.UTF_8);
    if (!got.isEmpty()) {
      ctx.io().out().accept(got);
    }
    if (o.verbose() > 1) {
      ctx.io().err().accept("sent " + sent + ", rcvd " + r.data().length + "\n");
    }
    return 0;
  }

  /** musl's strerror for the connect errors. */
  private static String musl(NetException.Kind kind) {
    return switch (kind) {
      case REFUSED -> "Connection refused";
      case RESET -> "Connection reset by peer";
      case UNREACHABLE -> "Host is unreachable";
      case NETWORK_UNREACHABLE -> "Network unreachable";
      case TIMEOUT -> "Operation timed out";
      case UNRESOLVED -> "Name does not resolve";
    };
  }
}
