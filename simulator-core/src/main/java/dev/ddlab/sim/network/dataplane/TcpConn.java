package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.dataplane.Netns.Outcome;
import dev.ddlab.sim.network.dataplane.frame.Ipv4Packet;
import dev.ddlab.sim.network.dataplane.frame.TcpSegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A TCP connection of a {@link Netns}, client or server side. */
final class TcpConn {
  enum State {
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    FIN_WAIT,
    LAST_ACK,
    CLOSED
  }

  private static final long SECOND = 1_000_000_000L;

  /** Linux's SYN retransmissions (tcp_syn_retries = 6): 1, 2, 4, 8, 16, 32 s, then give up. */
  private static final int SYN_RETRIES = 6;

  /** The MSS assumed of a peer that announces none (RFC 879). */
  private static final int DEFAULT_MSS = 536;

  /** The timestamp option every data segment carries (tcp_timestamps = 1). */
  private static final int TS_OPTION = 12;

  private static final int SYN_WINDOW = 64240;
  private static final int SYNACK_WINDOW = 65160;
  private static final int WINDOW = 502;

  final Netns ns;
  final int localIp;
  final int localPort;
  final int remoteIp;
  final int remotePort;
  State state;
  long iss;
  long sndNxt;
  long rcvNxt;
  long peerTs;
  private int peerMss = DEFAULT_MSS;
  byte[] request;
  TcpService service;
  java.util.function.BiConsumer<Outcome, byte[]> onDone;
  private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
  private boolean served;

  TcpConn(Netns ns, int localIp, int localPort, int remoteIp, int remotePort) {
    this.ns = ns;
    this.localIp = localIp;
    this.localPort = localPort;
    this.remoteIp = remoteIp;
    this.remotePort = remotePort;
  }

  /** The MSS this side announces: its route's MTU less the IPv4 and TCP headers. */
  private int ownMss() {
    int mtu = ns.mtuTowards(remoteIp);
    return mtu > 40 ? mtu - 40 : DEFAULT_MSS;
  }

  /** A SYN's options as Linux sends them: MSS, SACK permitted, timestamps, NOP, wscale 7. */
  private byte[] synOptions() {
    int mss = ownMss();
    return ByteBuffer.allocate(20)
        .put(new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss, 4, 2})
        .put(timestamps())
        .put(new byte[] {1, 3, 3, 7})
        .array();
  }

  /** The options of every later segment: two NOPs and the timestamps. */
  private byte[] tsOptions() {
    return ByteBuffer.allocate(12).put(new byte[] {1, 1}).put(timestamps()).array();
  }

  /** The timestamps option (kind 8, length 10): this side's clock, then the peer's echoed. */
  private byte[] timestamps() {
    return ByteBuffer.allocate(10)
        .put((byte) 8)
        .put((byte) 10)
        .putInt((int) ns.tsNow())
        .putInt((int) peerTs)
        .array();
  }

  private void send(long seq, int flags, int window, byte[] options, byte[] data) {
    TcpSegment s =
        new TcpSegment(
            localPort,
            remotePort,
            seq & 0xffffffffL,
            rcvNxt & 0xffffffffL,
            flags,
            window,
            options,
            data);
    ns.sendIp(new Ipv4Packet(0, ns.nextId(), true, 64, Ipv4Packet.TCP, localIp, remoteIp, s));
  }

  void sendSyn(int attempt) {
    state = State.SYN_SENT;
    send(iss, TcpSegment.SYN, SYN_WINDOW, synOptions(), new byte[0]);
    long wait = SECOND << attempt;
    ns.stack
        .wire()
        .after(
            wait,
            () -> {
              if (state != State.SYN_SENT) {
                return;
              }
              if (attempt < SYN_RETRIES) {
                sendSyn(attempt + 1);
              } else {
                fail(Outcome.TIMEOUT);
              }
            });
  }

  void acceptSyn(TcpSegment s) {
    rcvNxt = (s.seq() + 1) & 0xffffffffL;
    peerTs = peerTs(s);
    peerMss = peerMss(s);
    state = State.SYN_RECEIVED;
    sndNxt = (iss + 1) & 0xffffffffL;
    send(iss, TcpSegment.SYN | TcpSegment.ACK, SYNACK_WINDOW, synOptions(), new byte[0]);
  }

  private static long peerTs(TcpSegment s) {
    byte[] o = s.options();
    int i = option(o, 8, 10);
    return i < 0
        ? 0
        : ((long) (o[i + 2] & 0xff) << 24)
            | ((o[i + 3] & 0xff) << 16)
            | ((o[i + 4] & 0xff) << 8)
            | (o[i + 5] & 0xff);
  }

  /** The MSS a SYN announces, or RFC 879's default without the option. */
  private static int peerMss(TcpSegment s) {
    byte[] o = s.options();
    int i = option(o, 2, 4);
    return i < 0 ? DEFAULT_MSS : ((o[i + 2] & 0xff) << 8) | (o[i + 3] & 0xff);
  }

  /** Where option {@code kind} of {@code length} bytes starts in {@code o}, or -1. */
  private static int option(byte[] o, int kind, int length) {
    for (int i = 0; i < o.length; ) {
      int k = o[i] & 0xff;
      if (k == 0) {
        break;
      }
      if (k == 1) {
        i++;
        continue;
      }
      if (k == kind && i + length <= o.length) {
        return i;
      }
      i += Math.max(2, i + 1 < o.length ? o[i + 1] & 0xff : 2);
    }
    return -1;
  }

  void input(TcpSegment s) {
    if (s.has(TcpSegment.RST)) {
      fail(state == State.SYN_SENT ? Outcome.REFUSED : Outcome.RESET);
      return;
    }
    peerTs = peerTs(s);
    switch (state) {
      case SYN_SENT -> {
        if (s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK)) {
          rcvNxt = (s.seq() + 1) & 0xffffffffL;
          peerMss = peerMss(s);
          sndNxt = (iss + 1) & 0xffffffffL;
          state = State.ESTABLISHED;
          send(sndNxt, TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
          sendData(request);
          if (request == null || request.length == 0) {
            // nothing to send (nc -z): close at once and hear the server's FIN
            send(sndNxt, TcpSegment.FIN | TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
            sndNxt = (sndNxt + 1) & 0xffffffffL;
            state = State.FIN_WAIT;
          }
        }
      }
      case SYN_RECEIVED, ESTABLISHED, FIN_WAIT -> {
        if (state == State.SYN_RECEIVED && s.has(TcpSegment.ACK)) {
          state = State.ESTABLISHED;
        }
        int len = s.data().length;
        if (len > 0 && s.seq() == rcvNxt) {
          received.write(s.data(), 0, len);
          rcvNxt = (rcvNxt + len) & 0xffffffffL;
          if (!s.has(TcpSegment.FIN)) {
            send(sndNxt, TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
          }
          if (service != null && !served && service.complete(received.toByteArray())) {
            served = true;
            service.serve(received.toByteArray(), remoteIp, remotePort, this::reply);
          }
        }
        if (s.has(TcpSegment.FIN)) {
          rcvNxt = (rcvNxt + 1) & 0xffffffffL;
          if (state == State.FIN_WAIT) {
            // we closed first: acknowledge theirs and go (TIME_WAIT holds nothing here)
            send(sndNxt, TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
            finish(Outcome.OK);
          } else {
            // they closed first: the answer is whole; close ours and wait for its ACK
            send(sndNxt, TcpSegment.FIN | TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
            sndNxt = (sndNxt + 1) & 0xffffffffL;
            state = State.LAST_ACK;
            notifyDone(Outcome.OK);
          }
        }
      }
      case LAST_ACK -> {
        if (s.has(TcpSegment.ACK) && s.ack() == sndNxt) {
          finish(Outcome.OK);
        }
      }
      default -> {}
    }
  }

  /** The server's answer: the bytes, then FIN (or a reset when the service has none). */
  private void reply(byte[] bytes) {
    if (state == State.CLOSED) {
      return;
    }
    if (bytes == null) {
      send(sndNxt, TcpSegment.RST | TcpSegment.ACK, 0, new byte[0], new byte[0]);
      finish(Outcome.RESET);
      return;
    }
    sendData(bytes);
    send(sndNxt, TcpSegment.FIN | TcpSegment.ACK, WINDOW, tsOptions(), new byte[0]);
    sndNxt = (sndNxt + 1) & 0xffffffffL;
    state = State.FIN_WAIT;
  }

  private void sendData(byte[] bytes) {
    if (bytes == null) {
      return;
    }
    // segments as large as both ends' MSS allow, less the timestamp option
    int size = Math.max(1, Math.min(ownMss(), peerMss) - TS_OPTION);
    for (int off = 0; off < bytes.length; off += size) {
      byte[] chunk = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + size));
      send(sndNxt, TcpSegment.PSH | TcpSegment.ACK, WINDOW, tsOptions(), chunk);
      sndNxt = (sndNxt + chunk.length) & 0xffffffffL;
    }
  }

  void fail(Outcome o) {
    finish(o);
  }

  private void finish(Outcome o) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    ns.closed(this);
    notifyDone(o);
  }

  /** The client hears how its exchange ended (once). */
  private void notifyDone(Outcome o) {
    if (onDone != null) {
      java.util.function.BiConsumer<Outcome, byte[]> d = onDone;
      onDone = null;
      d.accept(o, received.toByteArray());
    }
  }
}
