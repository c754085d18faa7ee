package dev.ddlab.sim.swarm.store;

import dev.ddlab.sim.swarm.raft.Operations;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the swarm's Raft entries carry: a batch of {@link StoreAction}s, and store snapshots. As
 * swarmkit's {@code InternalRaftRequest} is protobuf around the objects, an entry is a small binary
 * frame (tag, action count, each action's kind, ID and object) around each object's Engine API
 * JSON, which {@link StoreAction#put} wrote once: the leader encodes a batch once for its WAL and
 * every follower ({@link Batch} keeps its bytes), a follower keeps the bytes it received for its
 * own WAL, and only {@link ClusterStore#apply} reads the JSON.
 */
public final class StoreOperations implements Operations {
  private static final byte BATCH = 'B';
  private static final byte SNAPSHOT = 'S';

  /**
   * A batch of store actions: one Raft entry, with its encoding once made or received. A received
   * batch reads its actions from the bytes when first asked (a follower that already holds the
   * entry drops it unread).
   */
  public static final class Batch {
    private List<StoreAction> actions;

    /** The encoding: {@code buffer[offset, offset + length)} (a received entry's bytes). */
    private byte[] buffer;

    private int offset;
    private int length;

    public Batch(List<StoreAction> actions) {
      this.actions = List.copyOf(actions);
    }

    private Batch(byte[] buffer, int offset, int length) {
      this.buffer = buffer;
      this.offset = offset;
      this.length = length;
    }

    public List<StoreAction> actions() {
      if (actions == null) {
        actions = read(buffer, offset, length);
      }
      return actions;
    }

    byte[] encoded() {
      if (buffer == null) {
        buffer = write(actions);
        length = buffer.length;
      } else if (offset != 0 || length != buffer.length) {
        buffer = Arrays.copyOfRange(buffer, offset, offset + length);
        offset = 0;
      }
      return buffer;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Batch b && actions().equals(b.actions());
    }

    @Override
    public int hashCode() {
      return actions().hashCode();
    }

    @Override
    public String toString() {
      return "Batch" + actions();
    }
  }

  /** {@code B}, the action count, then each action: kind, ID (length-prefixed UTF-8), object. */
  private static byte[] write(List<StoreAction> actions) {
    int n = actions.size();
    byte[][] texts = new byte[2 * n][];
    int size = 1 + 4;
    for (int i = 0; i < n; i++) {
      StoreAction a = actions.get(i);
      texts[2 * i] = kindBytes(a.kind());
      texts[2 * i + 1] = a.id().getBytes(StandardCharsets.UTF_8);
      size += 4 + texts[2 * i].length + 4 + texts[2 * i + 1].length;
      size += 4 + (a.json() == null ? 0 : a.json().length);
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(BATCH).putInt(n);
    for (int i = 0; i < n; i++) {
      byte[] kind = texts[2 * i];
      byte[] id = texts[2 * i + 1];
      byte[] json = actions.get(i).json();
      b.putInt(kind.length).put(kind).putInt(id.length).put(id);
      if (json == null) {
        b.putInt(-1);
      } else {
        b.putInt(json.length).put(json);
      }
    }
    return b.array();
  }

  private static List<StoreAction> read(byte[] bytes, int offset, int length) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
      if (b.get() != BATCH) {
        throw new IllegalStateException("not a store batch");
      }
      int n = b.getInt();
      List<StoreAction> actions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String kind = kind(b);
        String id = text(b);
        int len = b.getInt();
        byte[] json = null;
        if (len >= 0) {
          json = new byte[len];
          b.get(json);
        }
        actions.add(new StoreAction(kind, id, json));
      }
      return Collections.unmodifiableList(actions);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("a truncated store batch", e);
    }
  }

  /** The kinds {@link StoreAction} names, so that reading an action makes no new kind string. */
  private static final String[] KINDS = {
    StoreAction.TASK,
    StoreAction.NODE,
    StoreAction.SERVICE,
    StoreAction.LB,
    StoreAction.NODE_LB,
    StoreAction.NETWORK,
    StoreAction.NETWORK_ALLOCATION,
    StoreAction.ENDPOINT,
    StoreAction.UPDATE_STATUS,
    StoreAction.CLUSTER,
    StoreAction.SECRET,
    StoreAction.CONFIG,
    StoreAction.UNLOCK_KEY
  };

  private static final byte[][] KIND_BYTES =
      Arrays.stream(KINDS).map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

  private static byte[] kindBytes(String kind) {
    for (int k = 0; k < KINDS.length; k++) {
      if (KINDS[k].equals(kind)) {
        return KIND_BYTES[k];
      }
    }
    return kind.getBytes(StandardCharsets.UTF_8);
  }

  private static String kind(ByteBuffer b) {
    int len = b.getInt();
    int at = b.position();
    if (len < 0 || len > b.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] a = b.array();
    for (int k = 0; k < KINDS.length; k++) {
      byte[] known = KIND_BYTES[k];
      if (known.length == len && Arrays.equals(a, at, at + len, known, 0, len)) {
        b.position(at + len);
        return KINDS[k];
      }
    }
    b.position(at + len);
    return new String(a, at, len, StandardCharsets.UTF_8);
  }

  private static String text(ByteBuffer b) {
    int len = b.getInt();
    String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
    b.position(b.position() + len);
    return s;
  }

  /** A store snapshot chunk. */
  public record Snapshot(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Snapshot[" + bytes.length + " bytes]";
    }
  }

  @Override
  public byte[] encode(Object operation) {
    if (operation instanceof Snapshot s) {
      byte[] out = new byte[s.bytes().length + 1];
      out[0] = SNAPSHOT;
      System.arraycopy(s.bytes(), 0, out, 1, s.bytes().length);
      return out;
    }
    return ((Batch) operation).encoded();
  }

  @Override
  public Object decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    if (length > 0 && bytes[offset] == SNAPSHOT) {
      return new Snapshot(Arrays.copyOfRange(bytes, offset + 1, offset + length));
    }
    if (length == 0 || bytes[offset] != BATCH) {
      throw new IllegalStateException("not a store batch");
    }
    return new Batch(bytes, offset, length);
  }

  @Override
  public String describe(Object operation) {
    List<String> parts = new ArrayList<>();
    for (StoreAction a : ((Batch) operation).actions()) {
      parts.add(a.toString());
    }
    return String.join(", ", parts);
  }
}
