package dev.ddlab.events;

import java.util.function.Supplier;

/**
 * A frame put on a link of a simulated network: it left {@code from} at {@code timeNanos} and
 * reaches {@code to} at {@code arrivesNanos}, on the virtual clock. Ends are named {@code
 * NODE:INTERFACE} on a node's own namespace and {@code CONTAINER:INTERFACE} inside a container; the
 * link is named as {@code NetworkView.Link#id} names it. Published transiently (animations and the
 * frames-in-flight view follow it); the tcpdump line and the bytes are computed when asked.
 */
public final class FrameEvent implements SimEvent {
  private final long timeNanos;
  private final String node;
  private final String link;
  private final String from;
  private final String to;
  private final long arrivesNanos;
  private final Supplier<String> summary;
  private final Supplier<byte[]> bytes;

  public FrameEvent(
      long timeNanos,
      String node,
      String link,
      String from,
      String to,
      long arrivesNanos,
      Supplier<String> summary,
      Supplier<byte[]> bytes) {
    this.timeNanos = timeNanos;
    this.node = node;
    this.link = link;
    this.from = from;
    this.to = to;
    this.arrivesNanos = arrivesNanos;
    this.summary = summary;
    this.bytes = bytes;
  }

  @Override
  public long timeNanos() {
    return timeNanos;
  }

  @Override
  public String node() {
    return node;
  }

  /** The link's id ("node1:veth1a2b3c4"). */
  public String link() {
    return link;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  public long arrivesNanos() {
    return arrivesNanos;
  }

  /** One line as {@code tcpdump -n} prints the frame, without the time stamp. */
  public String summary() {
    return summary.get();
  }

  /** The frame as on the wire, Ethernet header first. */
  public byte[] bytes() {
    return bytes.get();
  }

  @Override
  public String toString() {
    return "FrameEvent[" + from + " > " + to + " @" + timeNanos + ": " + summary() + "]";
  }
}
