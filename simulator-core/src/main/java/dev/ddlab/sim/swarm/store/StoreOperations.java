package dev.ddlab.sim.swarm.store;

import dev.ddlab.sim.swarm.raft.Operations;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private byte[] encoded;

    public Batch(List<StoreAction> actions) {
      this.actions = List.copyOf(actions);
    }

    private Batch(byte[] encoded) {
      this.encoded = encoded;
    }

    public List<StoreAction> actions() {
      if (actions == null) {
        actions = read(encoded);
      }
      return actions;
    }

    byte[] encoded() {
      if (encoded == null) {
        encoded = write(actions);
      }
      return encoded;
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
    List<byte[]> texts = new ArrayList<>(actions.size() * 2);
    int size = 1 + 4;
    for (StoreAction a : actions) {
      byte[] kind = a.kind().getBytes(StandardCharsets.UTF_8);
      byte[] id = a.id().getBytes(StandardCharsets.UTF_8);
      texts.add(kind);
      texts.add(id);
      size += 4 + kind.length + 4 + id.length + 4 + (a.json() == null ? 0 : a.json().length);
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(BATCH).putInt(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      byte[] kind = texts.get(2 * i);
      byte[] id = texts.get(2 * i + 1);
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

  private static List<StoreAction> read(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      if (b.get() != BATCH) {
        throw new IllegalStateException("not a store batch");
      }
      int n = b.getInt();
      List<StoreAction> actions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String kind = text(b);
        String id = text(b);
        int len = b.getInt();
        byte[] json = null;
        if (len >= 0) {
          json = new byte[len];
          b.get(json);
        }
        actions.add(new StoreAction(kind, id, json));
      }
      return List.copyOf(actions);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("a truncated store batch", e);
    }
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
    if (bytes.length > 0 && bytes[0] == SNAPSHOT) {
      return new Snapshot(Arrays.copyOfRange(bytes, 1, bytes.length));
    }
    if (bytes.length == 0 || bytes[0] != BATCH) {
      throw new IllegalStateException("not a store batch");
    }
    return new Batch(bytes);
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
