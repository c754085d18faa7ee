package dev.ddlab.sim.network.dataplane.frame;

/** ARP for IPv4 over Ethernet (RFC 826): 28 bytes. */
public record ArpPacket(int op, long senderMac, int senderIp, long targetMac, int targetIp)
    implements Frame.Payload {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  public static ArpPacket request(long senderMac, int senderIp, int targetIp) {
    return new ArpPacket(REQUEST, senderMac, senderIp, Mac.ZERO, targetIp);
  }

  public static ArpPacket reply(long senderMac, int senderIp, long targetMac, int targetIp) {
    return new ArpPacket(REPLY, senderMac, senderIp, targetMac, targetIp);
  }

  @Override
  public int length() {
    return 28;
  }
}
