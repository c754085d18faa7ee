package dev.ddlab.introspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Frames as a classic pcap file (libpcap 2.4, little-endian, microsecond time stamps, link type
 * Ethernet, snapshot length 262144 as tcpdump's default), which tcpdump, tshark and Wireshark read.
 * Next to the seam so that {@code ddlab pcap} and the playground's download write the frames the
 * same way.
 */
public final class PcapWriter {
  /** One captured frame: when (epoch nanoseconds of virtual time) and its bytes. */
  public record Record(long epochNanos, byte[] bytes) {}

  private static final int MAGIC = 0xa1b2c3d4;
  private static final int SNAPLEN = 262_144;
  private static final int LINKTYPE_ETHERNET = 1;

  private PcapWriter() {}

  public static byte[] write(List<Record> records) {
    int size = 24;
    for (Record r : records) {
      size += 16 + Math.min(r.bytes().length, SNAPLEN);
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
    for (Record r : records) {
      int caplen = Math.min(r.bytes().length, SNAPLEN);
      b.putInt((int) (r.epochNanos() / 1_000_000_000L));
      b.putInt((int) (r.epochNanos() % 1_000_000_000L / 1000));
      b.putInt(caplen).putInt(r.bytes().length);
      b.put(r.bytes(), 0, caplen);
    }
    return b.array();
  }
}
