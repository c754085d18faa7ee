package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ping: resolves the name as the process's resolver does (/etc/hosts, Docker's embedded DNS on
 * user-defined networks), asks the network whether an echo request to the address is answered (same
 * network, the host; not a container on another bridge) and sends one request per interval on the
 * virtual clock until {@code -c} replies, the {@code -w} deadline or Ctrl-C, then prints the
 * statistics. Busybox wording and exit codes (alpine, busybox) or iputils' (the host), by the
 * executable it was started as. Round-trip times are small seeded microsecond counts.
 *
 * <p>Options are read the way musl's getopt reads them (alpine's busybox): they end at the first
 * operand, so {@code ping HOST -c 1} is a usage error there as it is in alpine.
 */
final class PingProgram implements Program {
  private static final String BUSYBOX_USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: ping [OPTIONS] HOST

      Send ICMP ECHO_REQUESTs to HOST

      \t-4,-6\t\tForce IP or IPv6 name resolution
      \t-c CNT\t\tSend only CNT pings
      \t-s SIZE\t\tSend SIZE data bytes in packets (default 56)
      \t-i SECS\t\tInterval
      \t-A\t\tPing as soon as reply is received
      \t-t TTL\t\tSet TTL
      \t-I IFACE/IP\tSource interface or IP address
      \t-W SEC\t\tSeconds to wait for the first response (default 10)
      \t\t\t(after all -c CNT packets are sent)
      \t-w SEC\t\tSeconds until ping exits (default:infinite)
      \t\t\t(can exit earlier with -c CNT)
      \t-q\t\tQuiet, only display output at start/finish
      \t-p HEXBYTE\tPayload pattern
      """;

  /**
   * Options that take a value (busybox's getopt32 string "qvAc:+s:t:+w:+W:+I:np:i:46", and iputils'
   * -M, which busybox does not have).
   */
  private static final String WITH_VALUE = "cstwWIpiM";

  private static final String FLAGS = "qvAn46";

  /** The TTL replies arrive with: the peer's Linux default (-t sets only the requests' TTL). */
  private static final int REPLY_TTL = 64;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The most echo data one IPv4 packet holds (65,535 − 20 − 8): more fails with EMSGSIZE. */
  private static final long MAX_DATA = 65_507;

  /** The largest ICMP message iputils still tries to send (and reports the local error for). */
  private static final long MAX_MESSAGE = 65_535;

  private boolean busybox;
  private String name;
  private String address;
  private NetAccess.Echo echo;
  private NetAccess.EchoReply first;
  private long count;
  private long waitSeconds = 10;
  private long deadlineSeconds;
  private long intervalNanos = NANOS_PER_SECOND;
  private long size = 56;
  private int ttl = 64;
  private NetAccess.PmtuDisc pmtu = NetAccess.PmtuDisc.WANT;
  private boolean quiet;
  private long startNanos;
  private long transmitted;
  private long received;
  private long minMicros = Long.MAX_VALUE;
  private long maxMicros;
  private long sumMicros;
  private long sumSquares;
  private long errors;
  private boolean done;

  @Override
  public void start(Proc proc) {
    busybox = ShellProgram.startedAsBusybox(proc);
    if (!parse(proc, proc.argv().subList(1, proc.argv().size()))) {
      return;
    }
    Optional<String> ip = proc.resolve(name);
    if (ip.isEmpty()) {
      proc.err(
          busybox
              ? "ping: bad address '" + name + "'\n"
              : "ping: " + name + ": Name or service not known\n");
      proc.exit(busybox ? 1 : 2);
      return;
    }
    address = ip.get();
    // The first request goes out now: a namespace without a route fails it at once (sendto).
    first = request(proc, busybox ? 0 : 1);
    echo = first.echo();
    if (echo == NetAccess.Echo.NO_ROUTE && !busybox) {
      proc.err("ping: connect: Network is unreachable\n");
      proc.exit(2);
      return;
    }
    proc.out(
        busybox
            ? "PING " + name + " (" + address + "): " + size + " data bytes\n"
            : "PING "
                + name
                + " ("
                + address
                + ") "
                + size
                + "("
                + (size + 28)
                + ") bytes of data.\n");
    if (echo == NetAccess.Echo.NO_ROUTE) {
      proc.err("ping: sendto: Network is unreachable\n");
      proc.exit(1);
      return;
    }
    if (busybox && size > MAX_DATA) {
      proc.err("ping: sendto: Message too long\n");
      proc.exit(1);
      return;
    }
    startNanos = proc.clock().nowNanos();
    if (deadlineSeconds > 0) {
      proc.after(Duration.ofSeconds(deadlineSeconds), () -> finish(proc));
    }
    send(proc);
  }

  /** Reads the options; false (after the error and exit) when they are wrong. */
  private boolean parse(Proc proc, List<String> args) {
    int first =
        ShortOptions.scan(
            args,
            busybox ? WITH_VALUE.replace("M", "") : WITH_VALUE,
            new ShortOptions.Handler() {
              @Override
              public boolean option(char o, String value) {
                if (value != null) {
                  return PingProgram.this.option(proc, o, value);
                }
                if (FLAGS.indexOf(o) < 0) {
                  return usage(proc, "ping: invalid option -- '" + o + "'\n");
                }
                quiet |= o == 'q';
                return true;
              }

              @Override
              public void missing(char o) {
                usage(proc, "ping: option requires an argument -- '" + o + "'\n");
              }
            });
    if (first < 0) {
      return false;
    }
    if (args.size() - first != 1) {
      return usage(proc, "");
    }
    name = args.get(first);
    return true;
  }

  private boolean option(Proc proc, char o, String value) {
    if (o == 'I' || o == 'p') {
      return true;
    }
    if (o == 'M') {
      // iputils: -M do|want|dont|probe sets IP_MTU_DISCOVER (probe sets DF as do does)
      switch (value) {
        case "do", "probe" -> pmtu = NetAccess.PmtuDisc.DO;
        case "want" -> pmtu = NetAccess.PmtuDisc.WANT;
        case "dont" -> pmtu = NetAccess.PmtuDisc.DONT;
        default -> {
          proc.err("ping: invalid -M argument: " + value + "\n");
          proc.exit(2);
          return false;
        }
      }
      return true;
    }
    if (o == 'i') {
      try {
        double seconds = Double.parseDouble(value);
        if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
          throw new NumberFormatException(value);
        }
        intervalNanos = Math.max(1, (long) (seconds * NANOS_PER_SECOND));
        return true;
      } catch (NumberFormatException e) {
        return invalidNumber(proc, value);
      }
    }
    if (!busybox) {
      return iputilsNumber(proc, o, value);
    }
    if (!value.matches("\\d{1,9}")) {
      return invalidNumber(proc, value);
    }
    long n = Long.parseLong(value);
    if (o == 's' && n > MAX_MESSAGE) {
      // busybox reads -s with xatou16
      proc.err("ping: number " + value + " is not in 0..65535 range\n");
      proc.exit(1);
      return false;
    }
    set(o, n);
    return true;
  }

  private void set(char o, long n) {
    switch (o) {
      case 'c' -> count = n;
      case 's' -> size = n;
      case 'w' -> deadlineSeconds = n;
      case 't' -> ttl = (int) Math.min(255, n);
      case 'W' -> waitSeconds = n;
      default -> {}
    }
  }

  /** iputils' strtol_or_err: a number from 0 to INT_MAX, else "invalid argument". */
  private boolean iputilsNumber(Proc proc, char o, String value) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      proc.err("ping: invalid argument: '" + value + "'\n");
      proc.exit(1);
      return false;
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      proc.err("ping: invalid argument: '" + value + "': out of range: 0 <= value <= 2147483647\n");
      proc.exit(1);
      return false;
    }
    set(o, n);
    return true;
  }

  private boolean invalidNumber(Proc proc, String value) {
    proc.err("ping: invalid number '" + value + "'\n");
    proc.exit(busybox ? 1 : 2);
    return false;
  }

  private boolean usage(Proc proc, String error) {
    if (!error.isEmpty()) {
      proc.err(error);
    }
    proc.err(busybox ? BUSYBOX_USAGE : "ping: usage error: Destination address required\n");
    proc.exit(busybox ? 1 : 2);
    return false;
  }

  private void send(Proc proc) {
    if (done) {
      return;
    }
    if (deadlineSeconds > 0
        && proc.clock().nowNanos() - startNanos >= deadlineSeconds * NANOS_PER_SECOND) {
      finish(proc);
      return;
    }
    long seq = transmitted++;
    long wireSeq = busybox ? seq : seq + 1;
    NetAccess.EchoReply reply;
    if (first != null) {
      reply = first;
      first = null;
    } else {
      reply = request(proc, wireSeq);
    }
    if (size > MAX_DATA && size <= MAX_MESSAGE) {
      // iputils reads the kernel's EMSGSIZE from the socket's error queue, once per request
      errors++;
      proc.err("ping: local error: message too long, mtu=65535\n");
    } else if (reply.echo() == NetAccess.Echo.MESSAGE_TOO_LONG) {
      // -M do and larger than the route's MTU: the same local error with that MTU; iputils stops
      // as soon as replies and errors make up -c
      errors++;
      proc.err("ping: local error: message too long, mtu=" + reply.mtu() + "\n");
      if (count > 0 && received + errors >= count) {
        finish(proc);
        return;
      }
    }
    if (reply.echo() == NetAccess.Echo.REPLY) {
      received++;
      long micros =
          reply.rttNanos() > 0
              ? Math.max(1, reply.rttNanos() / 1000)
              : proc.random().nextInt(35, 180);
      minMicros = Math.min(minMicros, micros);
      maxMicros = Math.max(maxMicros, micros);
      sumMicros += micros;
      sumSquares += micros * micros;
      if (!quiet) {
        proc.out(
            String.format(
                Locale.ROOT,
                busybox
                    ? "%d bytes from %s: seq=%d ttl=%d time=%s ms%n"
                    : "%d bytes from %s: icmp_seq=%d ttl=%d time=%s ms%n",
                size + 8,
                address,
                wireSeq,
                reply.ttl() > 0 ? reply.ttl() : REPLY_TTL,
                millis(micros)));
      }
      if (count > 0 && received >= count) {
        finish(proc);
        return;
      }
    }
    if (count == 0 || transmitted < count) {
      proc.after(Duration.ofNanos(intervalNanos), () -> send(proc));
    } else {
      // All -c requests are out: wait -W seconds for a late answer when none came back yet.
      proc.after(Duration.ofSeconds(received > 0 ? 1 : waitSeconds), () -> finish(proc));
    }
  }

  /**
   * One echo request on the network; one larger than an IPv4 packet never leaves the socket
   * (EMSGSIZE), so nothing of that size is ever built.
   */
  private NetAccess.EchoReply request(Proc proc, long wireSeq) {
    if (size > MAX_DATA) {
      return new NetAccess.EchoReply(NetAccess.Echo.LOST, 0, 0);
    }
    return proc.ping(address, proc.pid() & 0xffff, (int) (wireSeq & 0xffff), (int) size, ttl, pmtu);
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%d.%03d", micros / 1000, micros % 1000);
  }

  private void finish(Proc proc) {
    if (done) {
      return;
    }
    done = true;
    long loss = transmitted == 0 ? 0 : (transmitted - received) * 100 / transmitted;
    StringBuilder out = new StringBuilder("\n--- " + name + " ping statistics ---\n");
    if (busybox) {
      out.append(transmitted)
          .append(" packets transmitted, ")
          .append(received)
          .append(" packets received, ")
          .append(loss)
          .append("% packet loss\n");
      if (received > 0) {
        out.append("round-trip min/avg/max = ")
            .append(millis(minMicros))
            .append('/')
            .append(millis(sumMicros / received))
            .append('/')
            .append(millis(maxMicros))
            .append(" ms\n");
      }
    } else {
      long elapsedMs = (proc.clock().nowNanos() - startNanos) / 1_000_000;
      out.append(transmitted)
          .append(" packets transmitted, ")
          .append(received)
          .append(" received, ")
          .append(errors > 0 ? "+" + errors + " errors, " : "")
          .append(loss)
          .append("% packet loss, time ")
          .append(elapsedMs)
          .append("ms\n");
      if (received > 0) {
        long avg = sumMicros / received;
        long mdev = (long) Math.sqrt(Math.max(0, sumSquares / received - avg * avg));
        out.append("rtt min/avg/max/mdev = ")
            .append(millis(minMicros))
            .append('/')
            .append(millis(avg))
            .append('/')
            .append(millis(maxMicros))
            .append('/')
            .append(millis(mdev))
            .append(" ms\n");
      } else {
        // iputils ends the statistics with a newline that, without an rtt line, is an empty one
        out.append('\n');
      }
    }
    proc.out(out.toString());
    boolean failed = received == 0 || (deadlineSeconds > 0 && received < count);
    proc.exit(failed ? 1 : 0);
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    if (signal == Signal.SIGINT && echo != null && !done) {
      finish(proc);
      return;
    }
    Program.super.signal(proc, signal);
  }
}
