package dev.ddlab.sim.underlay;

/**
 * One datagram on the underlay: from {@code src:srcPort} to {@code dst:dstPort} over {@code proto}
 * ("tcp" for Raft and the swarm's gRPC on 2377, "udp" for VXLAN on 4789), carrying {@code payload}
 * bytes. {@code summary} names what it carries for people ("AppendEntries term 3 (2 entries)").
 *
 * @param id the underlay's sequence number of this packet (panels follow a packet by it)
 */
public record Packet(
    long id,
    String src,
    int srcPort,
    String dst,
    int dstPort,
    String proto,
    byte[] payload,
    String summary) {}
