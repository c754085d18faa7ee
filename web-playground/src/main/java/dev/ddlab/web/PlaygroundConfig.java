package dev.ddlab.web;

import java.time.Duration;

/**
 * Limits and addresses of one playground server. The defaults follow Play with Docker (4 h
 * sessions) scaled to a JVM-simulated node.
 *
 * @param maxSessions concurrent sessions; the next visitor gets the "Hết chỗ" page
 * @param sessionTtl a session's whole life, shown as a countdown
 * @param ttlWarning how long before expiry the page warns
 * @param idleTimeout a session with no input for this long is freed
 * @param maxNodes nodes per session (templates and "add node")
 * @param outputBytesPerSecond terminal output allowed per session per second, beyond which output
 *     is cut with a notice
 * @param scrollbackChars characters of output kept per terminal for reconnects
 * @param maxUploadBytes largest file accepted by upload or the editor's save
 */
public record PlaygroundConfig(
    String host,
    int port,
    int maxSessions,
    Duration sessionTtl,
    Duration ttlWarning,
    Duration idleTimeout,
    int maxNodes,
    int outputBytesPerSecond,
    int scrollbackChars,
    int maxUploadBytes) {

  public static PlaygroundConfig defaults() {
    return new PlaygroundConfig(
        "127.0.0.1",
        7070,
        50,
        Duration.ofHours(4),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        6,
        256 * 1024,
        200_000,
        1024 * 1024);
  }

  public PlaygroundConfig withAddress(String newHost, int newPort) {
    return new PlaygroundConfig(
        newHost,
        newPort,
        maxSessions,
        sessionTtl,
        ttlWarning,
        idleTimeout,
        maxNodes,
        outputBytesPerSecond,
        scrollbackChars,
        maxUploadBytes);
  }

  public PlaygroundConfig withSessions(int newMax, Duration newTtl, Duration newIdle) {
    return new PlaygroundConfig(
        host,
        port,
        newMax,
        newTtl,
        ttlWarning.compareTo(newTtl) < 0 ? ttlWarning : newTtl.dividedBy(4),
        newIdle,
        maxNodes,
        outputBytesPerSecond,
        scrollbackChars,
        maxUploadBytes);
  }
}
