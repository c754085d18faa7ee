package dev.ddlab.sim.network.dataplane.frame;

/** Bytes of a protocol the data plane does not model (kept so a decoded frame encodes again). */
public record RawPayload(byte[] bytes) implements Frame.Payload, Ipv4Packet.Transport {
  @Override
  public int length() {
    return bytes.length;
  }
}
