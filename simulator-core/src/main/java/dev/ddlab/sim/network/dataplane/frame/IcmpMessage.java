package dev.ddlab.sim.network.dataplane.frame;

/**
 * An ICMP message (RFC 792): echo request and reply carry an identifier, a sequence number and
 * data; errors (destination unreachable, time exceeded) carry the offending packet's first bytes.
 */
public record IcmpMessage(int type, int code, int id, int seq, byte[] data)
    implements Ipv4Packet.Transport {
  public static final int ECHO_REPLY = 0;
  public static final int UNREACHABLE = 3;
  public static final int ECHO_REQUEST = 8;
  public static final int TIME_EXCEEDED = 11;

  /** Codes of destination unreachable. */
  public static final int NET_UNREACHABLE = 0;

  public static final int HOST_UNREACHABLE = 1;
  public static final int PORT_UNREACHABLE = 3;

  /** Fragmentation needed and DF set: {@link #seq} holds the next-hop MTU (RFC 1191). */
  public static final int FRAG_NEEDED = 4;

  public static final int ADMIN_PROHIBITED = 13;

  @Override
  public int length() {
    return 8 + data.length;
  }
}
