package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * redis-server in the foreground on port 6379 with redis' own log format ({@code 1:M 01 Jan 2024
 * 00:00:00.000 * …}); SIGTERM/SIGINT make it save and exit 0.
 */
public final class RedisServer implements Program {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

  @Override
  public void start(Proc proc) {
    String version = proc.env().getOrDefault("REDIS_VERSION", "7.2.4");
    if (proc.argv().contains("--version") || proc.argv().contains("-v")) {
      proc.out("Redis server v=" + version + " sha=00000000:0 malloc=jemalloc-5.3.0 bits=64\n");
      proc.exit(0);
      return;
    }
    log(proc, 'C', '*', "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
    log(
        proc,
        'C',
        '*',
        "Redis version="
            + version
            + ", bits=64, commit=00000000, modified=0, pid="
            + proc.pid()
            + ", just started");
    log(
        proc,
        'C',
        '#',
        "Warning: no config file specified, using the default config. In order to specify a"
            + " config file use redis-server /path/to/redis.conf");
    log(proc, 'M', '*', "monotonic clock: POSIX clock_gettime");
    log(proc, 'M', '*', "Running mode=standalone, port=6379.");
    log(proc, 'M', '*', "Server initialized");
    log(proc, 'M', '*', "Ready to accept connections tcp");
    proc.listen(
        6379,
        request ->
            HttpResponse.of(
                200,
                "OK",
                null,
                "text/plain",
                "-ERR unknown command '" + request.method() + "'\r\n"));
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    if (signal == Signal.SIGTERM || signal == Signal.SIGINT) {
      proc.out(
          proc.pid()
              + ":signal-handler ("
              + proc.clock().nowNanos() / 1_000_000_000L
              + ") Received "
              + signal
              + " scheduling shutdown...\n");
      log(proc, 'M', '*', "User requested shutdown...");
      log(proc, 'M', '*', "Saving the final RDB snapshot before exiting.");
      log(proc, 'M', '*', "DB saved on disk");
      log(proc, 'M', '#', "Redis is now ready to exit, bye bye...");
      proc.exit(0);
    }
  }

  private static void log(Proc proc, char role, char level, String message) {
    proc.out(
        proc.pid()
            + ":"
            + role
            + " "
            + TIME.format(Web.utc(proc.clock().nowNanos()))
            + " "
            + level
            + " "
            + message
            + "\n");
  }
}
