package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * mongod 4.2 in the foreground on port 27017 with its 4.2 text log format; SIGTERM/SIGINT shut it
 * down with code 0. Plain HTTP on the driver port gets mongod's own hint text.
 */
public final class Mongod implements Program {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

  @Override
  public void start(Proc proc) {
    String version = proc.env().getOrDefault("MONGO_VERSION", "4.2.24");
    if (proc.argv().contains("--version")) {
      proc.out("db version v" + version + "\n");
      proc.exit(0);
      return;
    }
    log(
        proc,
        "CONTROL",
        "main",
        "Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols"
            + " 'none'");
    log(
        proc,
        "CONTROL",
        "initandlisten",
        "MongoDB starting : pid="
            + proc.pid()
            + " port=27017 dbpath=/data/db 64-bit host="
            + proc.hostname());
    log(proc, "CONTROL", "initandlisten", "db version v" + version);
    log(proc, "STORAGE", "initandlisten", "wiredtiger_open config: create,cache_size=256M");
    log(proc, "NETWORK", "listener", "Listening on /tmp/mongodb-27017.sock");
    log(proc, "NETWORK", "listener", "Listening on 0.0.0.0");
    log(proc, "NETWORK", "listener", "waiting for connections on port 27017");
    proc.listen(
        27017,
        request ->
            HttpResponse.of(
                200,
                "OK",
                null,
                "text/plain",
                "It looks like you are trying to access MongoDB over HTTP on the native driver"
                    + " port.\n"));
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    if (signal == Signal.SIGTERM || signal == Signal.SIGINT) {
      log(
          proc,
          "CONTROL",
          "signalProcessingThread",
          "got signal " + signal.number() + " (Terminated), will terminate after current cmd ends");
      log(proc, "CONTROL", "signalProcessingThread", "now exiting");
      log(proc, "CONTROL", "signalProcessingThread", "shutting down with code:0");
      proc.exit(0);
    }
  }

  private static void log(Proc proc, String component, String context, String message) {
    proc.out(
        TIME.format(Web.utc(proc.clock().nowNanos()))
            + " I  "
            + String.format(Locale.ROOT, "%-8s", component)
            + " ["
            + context
            + "] "
            + message
            + "\n");
  }
}
