package dev.ddlab.sim.swarm.raft;

import dev.ddlab.sim.clock.VirtualClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The virtual clock as the {@link java.time.Clock} MicroRaft reads heartbeat times from. */
final class RaftClock extends Clock {
  private final VirtualClock clock;

  RaftClock(VirtualClock clock) {
    this.clock = clock;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long millis() {
    return clock.nowNanos() / 1_000_000L;
  }

  @Override
  public Instant instant() {
    return clock.now();
  }
}
