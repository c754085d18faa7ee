package dev.ddlab.sim.network.dataplane;

import dev.ddlab.events.SimEvent;
import dev.ddlab.sim.network.dataplane.frame.Frame;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;

/**
 * A frame put on a link of a node's stack: it left {@code fromDevice} (in namespace {@code
 * fromNetns}, "" for the host) at {@code timeNanos} and reaches {@code toDevice} at {@code
 * dueNanos}, both on the virtual clock. Published transiently on the bus (the introspection seam's
 * "frames in flight", the topology panel's animation); {@link #bytes()} encodes the frame as it is
 * on the wire, {@link #frame()} keeps the decoded form.
 */
public record FrameEvent(
    long timeNanos,
    String node,
    String fromNetns,
    String fromDevice,
    String toNetns,
    String toDevice,
    long dueNanos,
    Frame frame)
    implements SimEvent {

  /** The frame's bytes, as a capture would hold them. */
  public byte[] bytes() {
    return FrameCodec.encode(frame);
  }

  static FrameEvent of(String node, long sent, long due, NetDevice from, NetDevice to, Frame f) {
    return new FrameEvent(sent, node, key(from), from.name(), key(to), to.name(), due, f);
  }

  private static String key(NetDevice d) {
    return d.netns() == null ? "" : d.netns().key();
  }
}
