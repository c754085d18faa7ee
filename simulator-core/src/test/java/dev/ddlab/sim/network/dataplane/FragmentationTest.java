package dev.ddlab.sim.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.network.dataplane.frame.FrameCodec;
import dev.ddlab.sim.network.dataplane.frame.IcmpMessage;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Fragments;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.TcpdumpFormat;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.NetAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packets larger than a link's MTU, as Linux handles them (checked against a capture on veths of
 * MTU 1450 between two namespaces, tcpdump/real-frag.txt): without DF they leave in fragments of
 * the MTU rounded down to 8 bytes, MF on all but the last, and the receiver reassembles them; a
 * socket with IP_PMTUDISC_DO gets EMSGSIZE and the MTU and sends nothing; a router meeting a DF
 * packet it cannot forward answers ICMP fragmentation needed with the next hop's MTU.
 */
class FragmentationTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int A = Ipv4.parse("10.77.0.2");
  private static final int B = Ipv4.parse("10.77.0.3");

  private final NetStack stack = new NetStack("node1", new Wire(), new SeededRandom(1), () -> 0L);
  private final Netns a = stack.createNetns("a");
  private final Netns b = stack.createNetns("b");
  private final List<String> onB = new ArrayList<>();

  FragmentationTest() {
    stack.vethPair(a, "eth0", null, b, "eth0", 0x0242_0a4d_0003L, 1450);
    a.addAddress(a.device("eth0"), A, 24);
    b.addAddress(b.device("eth0"), B, 24);
    TcpdumpFormat fmt = new TcpdumpFormat();
    stack.tap(
        (nanos, d, f, out) -> {
          if (d.netns() == b && !out) {
            onB.add(fmt.summary(f));
          }
        });
  }

  private Netns.EchoResult ping(int size, NetAccess.PmtuDisc pmtu) {
    Netns.EchoResult[] r = new Netns.EchoResult[1];
    stack.exchange(
        () -> a.ping(B, 7, 1, size, 64, pmtu, x -> r[0] = x), () -> r[0] != null, SECOND);
    return r[0];
  }

  private static Ipv4Packet echo(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) i;
    }
    return new Ipv4Packet(
        0,
        4242,
        false,
        64,
        Ipv4Packet.ICMP,
        A,
        B,
        new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 7, 1, data));
  }

  @Test
  void a_1458_byte_packet_on_a_1450_link_is_a_1444_byte_fragment_with_mf_and_a_34_byte_one() {
    List<Ipv4Packet> pieces = Ipv4Fragments.fragment(echo(1430), 1450);
    assertEquals(2, pieces.size());
    assertEquals(List.of(1444, 34), pieces.stream().map(Ipv4Packet::length).toList());
    assertEquals(List.of(0, 1424), pieces.stream().map(Ipv4Packet::fragmentOffset).toList());
    assertTrue(pieces.get(0).moreFragments());
    assertFalse(pieces.get(1).moreFragments());
    assertTrue(pieces.stream().noneMatch(Ipv4Packet::dontFragment));
    assertTrue(pieces.stream().allMatch(p -> p.id() == 4242 && p.protocol() == Ipv4Packet.ICMP));
    // the wire's flags field: MF and the offset in 8-byte units (1424 / 8 = 178)
    byte[] first = FrameCodec.ipBytes(pieces.get(0));
    byte[] second = FrameCodec.ipBytes(pieces.get(1));
    assertEquals(0x20, first[6] & 0xff);
    assertEquals(0, first[7]);
    assertEquals(0, second[6]);
    assertEquals(178, second[7] & 0xff);
  }

  @Test
  void fragments_in_any_order_reassemble_to_the_same_bytes_and_a_missing_one_to_nothing() {
    Ipv4Packet whole = echo(3000);
    List<Ipv4Packet> pieces = new ArrayList<>(Ipv4Fragments.fragment(whole, 1450));
    assertEquals(3, pieces.size());
    assertNull(Ipv4Fragments.reassemble(pieces.subList(0, 2)));
    assertNull(Ipv4Fragments.reassemble(List.of(pieces.get(0), pieces.get(2))));
    List<Ipv4Packet> shuffled = List.of(pieces.get(2), pieces.get(0), pieces.get(1), pieces.get(0));
    assertArrayEquals(
        FrameCodec.ipBytes(whole), FrameCodec.ipBytes(Ipv4Fragments.reassemble(shuffled)));
  }

  @Test
  void a_ping_past_the_mtu_leaves_and_comes_back_in_fragments_as_tcpdump_shows_them() {
    Netns.EchoResult r = ping(1430, NetAccess.PmtuDisc.WANT);
    assertEquals(Netns.Outcome.OK, r.outcome());
    List<String> ip = onB.stream().filter(l -> l.startsWith("IP ")).toList();
    assertEquals(
        List.of(
            "IP 10.77.0.2 > 10.77.0.3: ICMP echo request, id 7, seq 1, length 1424",
            "IP 10.77.0.2 > 10.77.0.3: ip-proto-1"),
        ip);
    assertEquals(0, a.reassembliesPending());
    assertEquals(0, b.reassembliesPending());
  }

  @Test
  void with_pmtudisc_do_a_ping_past_the_mtu_is_message_too_long_with_1450_and_nothing_leaves() {
    Netns.EchoResult r = ping(1430, NetAccess.PmtuDisc.DO);
    assertEquals(Netns.Outcome.MESSAGE_TOO_LONG, r.outcome());
    assertEquals(1450, r.mtu());
    assertEquals(List.of(), onB);
    assertEquals(Netns.Outcome.OK, ping(1422, NetAccess.PmtuDisc.DO).outcome());
  }

  @Test
  void tcp_announces_the_links_mtu_less_40_as_its_mss_so_its_segments_never_need_fragments() {
    Netns.TcpResult[] r = new Netns.TcpResult[1];
    stack.exchange(() -> a.connect(B, 80, new byte[0], x -> r[0] = x), () -> r[0] != null, SECOND);
    assertEquals(Netns.Outcome.REFUSED, r[0].outcome());
    assertTrue(
        onB.stream().anyMatch(l -> l.contains("Flags [S], ") && l.contains("[mss 1410,")),
        onB.toString());
  }

  @Test
  void an_incomplete_packet_is_dropped_after_ipfrag_time_and_at_most_64_wait() {
    Reassembly r = new Reassembly(stack.wire());
    for (int id = 0; id < 100; id++) {
      Ipv4Packet whole =
          new Ipv4Packet(
              0,
              id,
              false,
              64,
              Ipv4Packet.ICMP,
              A,
              B,
              new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 7, id, new byte[3000]));
      assertNull(r.add(Ipv4Fragments.fragment(whole, 1450).get(0)));
    }
    assertEquals(Reassembly.MAX_QUEUES, r.pending());
    stack.wire().runUntil(stack.wire().now() + Reassembly.TIMEOUT_NANOS);
    assertEquals(0, r.pending());
  }

  @Test
  void a_router_answers_a_df_packet_too_big_for_the_next_link_with_fragmentation_needed() {
    // a (10.78.0.2) → host (10.78.0.1 | 10.79.0.1) → c (10.79.0.2) on a link of MTU 1000
    NetStack s = new NetStack("node1", new Wire(), new SeededRandom(1), () -> 0L);
    Netns left = s.createNetns("left");
    Netns right = s.createNetns("right");
    NetDevice l = s.vethPair("vl", null, left, "eth0", 0x0242_0a4e_0002L);
    NetDevice r = s.vethPair(s.host(), "vr", null, right, "eth0", 0x0242_0a4f_0002L, 1000);
    s.host().addAddress(l.peer(), Ipv4.parse("10.78.0.1"), 24);
    s.host().addAddress(r.peer(), Ipv4.parse("10.79.0.1"), 24);
    left.addAddress(l, Ipv4.parse("10.78.0.2"), 24);
    right.addAddress(r, Ipv4.parse("10.79.0.2"), 24);
    left.addDefaultRoute(Ipv4.parse("10.78.0.1"), l);
    right.addDefaultRoute(Ipv4.parse("10.79.0.1"), r);
    TcpdumpFormat fmt = new TcpdumpFormat();
    List<String> onLeft = new ArrayList<>();
    s.tap(
        (nanos, d, f, out) -> {
          if (d == l && !out && f.ip() != null) {
            onLeft.add(fmt.summary(f));
          }
        });
    Netns.EchoResult[] res = new Netns.EchoResult[1];
    s.exchange(
        () -> left.ping(Ipv4.parse("10.79.0.2"), 9, 1, 1200, 64, x -> res[0] = x),
        () -> res[0] != null,
        SECOND);
    assertEquals(
        List.of(
            "IP 10.78.0.1 > 10.78.0.2: ICMP 10.79.0.2 unreachable - need to frag (mtu 1000),"
                + " length 556"),
        onLeft);
    assertEquals(Netns.Outcome.HOST_UNREACHABLE, res[0].outcome());
  }
}
