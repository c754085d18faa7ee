package dev.ddlab.sim.swarm.raft;

import dev.ddlab.fs.FileSystem;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.log.SnapshotEntry;
import io.microraft.model.persistence.RaftEndpointPersistentState;
import io.microraft.model.persistence.RaftTermPersistentState;
import io.microraft.persistence.RaftStore;
import io.microraft.persistence.RestoredRaftState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * MicroRaft's durable state as files under a manager's {@code /var/lib/docker/swarm/raft}, laid out
 * as swarmkit's etcd WAL and snapshots are: {@code wal-v3-encrypted/<seq>-<index>.wal} segments of
 * records (the node's identity, the initial members, each term and vote, each log entry, each
 * truncation) and {@code snap-v3-encrypted/<term>-<index>.snap} with a snapshot's chunks. Each
 * record is length-prefixed and passes through the {@link Sealer} (swarmkit's encryption with the
 * data key). Records are buffered until {@link #flush} (MicroRaft flushes before it acknowledges
 * entries) and the term and vote are written at once, so the files are what a crash at any moment
 * between two events would leave. {@link #restore} reads them back for a restarted manager; {@code
 * tar} backs them up like any file.
 */
public final class FileRaftStore implements RaftStore {
  public static final String WAL = "wal-v3-encrypted";
  public static final String SNAP = "snap-v3-encrypted";

  /** etcd cuts a WAL segment at 64 MB; small segments keep appends cheap on the in-memory disk. */
  static final int SEGMENT_BYTES = 64 * 1024;

  private static final byte ENDPOINT = 'E';
  private static final byte INITIAL = 'I';
  private static final byte TERM = 'T';
  private static final byte ENTRY = 'L';
  private static final byte TRUNCATE_FROM = 'X';

  private final FileSystem fs;
  private final String dir;
  private final WireCodec codec;
  private final Sealer sealer;
  private final Window log = new Window();
  private byte[] endpointRecord;
  private byte[] initialRecord;
  private byte[] termRecord;
  private long segmentSeq;
  private String segment;

  /** Records not yet written to the segment file (a flush appends them). */
  private final ByteSink pending = new ByteSink();

  /** The segment's size with the pending records. */
  private long segmentBytes;

  /** Whether the segment file exists (its first flush creates it, even empty). */
  private boolean created;

  private boolean dirty;

  public FileRaftStore(FileSystem fs, String dir, WireCodec codec, Sealer sealer) {
    this.fs = fs;
    this.dir = dir;
    this.codec = codec;
    this.sealer = sealer;
    fs.mkdir(dir + "/" + WAL, true);
    fs.mkdir(dir + "/" + SNAP, true);
    List<String> segments = walSegments(fs, dir);
    if (!segments.isEmpty()) {
      // Continue after what a previous run left: the last segment's records stay, new ones follow.
      Restored r = read(fs, dir, codec, sealer);
      endpointRecord = r.endpointRecord;
      initialRecord = r.initialRecord;
      termRecord = r.termRecord;
      r.entries.values().forEach(log::put);
      segmentSeq = segments.size();
    }
    startSegment(log.isEmpty() ? 0 : log.lastIndex() + 1);
  }

  // ---- RaftStore --------------------------------------------------------------------------------

  @Override
  public void persistAndFlushLocalEndpoint(RaftEndpointPersistentState state) {
    endpointRecord =
        concat(
            new byte[] {(byte) (state.isVoting() ? 1 : 0)},
            codec.encodeMember(state.getLocalEndpoint()));
    append(ENDPOINT, endpointRecord);
    flush();
  }

  @Override
  public void persistAndFlushInitialGroupMembers(RaftGroupMembersView members) {
    initialRecord = codec.encodeView(members);
    append(INITIAL, initialRecord);
    flush();
  }

  @Override
  public void persistAndFlushTerm(RaftTermPersistentState term) {
    termRecord = codec.encodeTerm(term);
    append(TERM, termRecord);
    flush();
  }

  @Override
  public void persistLogEntries(List<LogEntry> entries) {
    for (LogEntry e : entries) {
      log.put(e);
      append(ENTRY, codec.encodeEntry(e));
    }
  }

  @Override
  public void persistSnapshotChunk(SnapshotChunk chunk) {
    String path = snapPath(chunk.getTerm(), chunk.getIndex());
    byte[] record = frame(ENTRY, codec.encodeChunk(chunk));
    fs.write(path, record, fs.exists(path));
  }

  @Override
  public void truncateLogEntriesFrom(long logIndexInclusive) {
    log.truncateFrom(logIndexInclusive);
    append(TRUNCATE_FROM, ByteBuffer.allocate(8).putLong(logIndexInclusive).array());
  }

  @Override
  public void truncateLogEntriesUntil(long logIndexInclusive) {
    log.truncateUntil(logIndexInclusive);
    for (String name : fs.list(dir + "/" + SNAP)) {
      if (snapIndex(name) < logIndexInclusive) {
        fs.remove(dir + "/" + SNAP + "/" + name, false);
      }
    }
    // The entries up to the snapshot are no longer needed: start the WAL again from what is left,
    // as etcd releases the segments a snapshot covers.
    flush();
    for (String name : walSegments(fs, dir)) {
      fs.remove(dir + "/" + WAL + "/" + name, false);
    }
    startSegment(logIndexInclusive + 1);
    if (endpointRecord != null) {
      append(ENDPOINT, endpointRecord);
    }
    if (initialRecord != null) {
      append(INITIAL, initialRecord);
    }
    if (termRecord != null) {
      append(TERM, termRecord);
    }
    for (LogEntry e : log.entries()) {
      append(ENTRY, codec.encodeEntry(e));
    }
    flush();
  }

  @Override
  public void deleteSnapshotChunks(long logIndex, int snapshotChunkCount) {
    for (String name : fs.list(dir + "/" + SNAP)) {
      if (snapIndex(name) == logIndex) {
        fs.remove(dir + "/" + SNAP + "/" + name, false);
      }
    }
  }

  @Override
  public void flush() {
    if (dirty) {
      fs.write(segment, pending.toByteArray(), created);
      created = true;
      pending.reset();
      dirty = false;
    }
  }

  /** The entries this member holds now (after its snapshot), oldest first: the panel's log. */
  public List<LogEntry> entries() {
    return List.copyOf(log.entries());
  }

  /**
   * The entries after the snapshot, which are consecutive (MicroRaft appends after its last entry,
   * truncates the tail on a conflict and the head at a snapshot): a list and the index of its first
   * entry, instead of a sorted map.
   */
  private static final class Window {
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private int head;

    boolean isEmpty() {
      return head == entries.size();
    }

    long lastIndex() {
      return entries.get(entries.size() - 1).getIndex();
    }

    private long firstIndex() {
      return entries.get(head).getIndex();
    }

    /** Appends {@code e}, replacing the entries from its index on; a gap drops what came before. */
    void put(LogEntry e) {
      if (!isEmpty() && e.getIndex() <= lastIndex()) {
        truncateFrom(e.getIndex());
      }
      if (!isEmpty() && e.getIndex() != lastIndex() + 1) {
        entries.clear();
        head = 0;
      }
      entries.add(e);
    }

    void truncateFrom(long index) {
      if (isEmpty() || index > lastIndex()) {
        return;
      }
      int keep = head + (int) Math.max(0, index - firstIndex());
      entries.subList(keep, entries.size()).clear();
      compact();
    }

    void truncateUntil(long index) {
      if (isEmpty()) {
        return;
      }
      head += (int) Math.min(entries.size() - head, Math.max(0, index - firstIndex() + 1));
      compact();
    }

    private void compact() {
      if (isEmpty()) {
        entries.clear();
        head = 0;
      } else if (head > 1024 && head > entries.size() / 2) {
        entries.subList(0, head).clear();
        head = 0;
      }
    }

    List<LogEntry> entries() {
      return entries.subList(head, entries.size());
    }
  }

  // ---- files ------------------------------------------------------------------------------------

  private void startSegment(long firstIndex) {
    segment = dir + "/" + WAL + "/" + String.format("%016x-%016x.wal", segmentSeq++, firstIndex);
    pending.reset();
    segmentBytes = 0;
    created = false;
    dirty = true;
  }

  private void append(byte kind, byte[] body) {
    if (segmentBytes >= SEGMENT_BYTES) {
      flush();
      startSegment(log.isEmpty() ? 0 : log.lastIndex());
    }
    byte[] prefix = sealer.plainPrefix();
    if (prefix != null) {
      // the record frame() would make, without its copies
      int n = prefix.length + 1 + body.length;
      pending.write(n >>> 24);
      pending.write(n >>> 16);
      pending.write(n >>> 8);
      pending.write(n);
      pending.writeBytes(prefix);
      pending.write(kind);
      pending.writeBytes(body);
      segmentBytes += 4 + n;
    } else {
      byte[] record = frame(kind, body);
      pending.writeBytes(record);
      segmentBytes += record.length;
    }
    dirty = true;
  }

  private byte[] frame(byte kind, byte[] body) {
    byte[] sealed = sealer.seal(concat(new byte[] {kind}, body));
    return ByteBuffer.allocate(4 + sealed.length).putInt(sealed.length).put(sealed).array();
  }

  private String snapPath(int term, long index) {
    return dir + "/" + SNAP + "/" + String.format("%016x-%016x.snap", term, index);
  }

  private static long snapIndex(String name) {
    return Long.parseLong(name.substring(17, 33), 16);
  }

  private static List<String> walSegments(FileSystem fs, String dir) {
    if (!fs.isDirectory(dir + "/" + WAL)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String n : fs.list(dir + "/" + WAL)) {
      if (n.endsWith(".wal")) {
        out.add(n);
      }
    }
    Collections.sort(out);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---- restore ----------------------------------------------------------------------------------

  /** Whether {@code dir} holds a member's Raft state. */
  public static boolean exists(FileSystem fs, String dir) {
    return !walSegments(fs, dir).isEmpty();
  }

  private record Restored(
      byte[] endpointRecord,
      byte[] initialRecord,
      byte[] termRecord,
      NavigableMap<Long, LogEntry> entries) {}

  /**
   * MicroRaft's state from the files: the member, the initial members, the last term and vote, the
   * latest complete snapshot and the entries after it.
   *
   * @throws IllegalStateException when a record cannot be opened (a wrong key) or nothing is there
   */
  public static RestoredRaftState restore(
      FileSystem fs, String dir, WireCodec codec, Sealer sealer, RaftModelFactory factory) {
    Restored r = read(fs, dir, codec, sealer);
    if (r.endpointRecord == null || r.initialRecord == null) {
      throw new IllegalStateException("no raft state in " + dir);
    }
    Member self =
        codec.decodeMember(Arrays.copyOfRange(r.endpointRecord, 1, r.endpointRecord.length));
    RaftEndpointPersistentState endpoint =
        factory
            .createRaftEndpointPersistentStateBuilder()
            .setLocalEndpoint(self)
            .setVoting(r.endpointRecord[0] == 1)
            .build();
    RaftGroupMembersView initial = codec.decodeView(r.initialRecord);
    RaftTermPersistentState term =
        r.termRecord != null
            ? codec.decodeTerm(r.termRecord)
            : factory.createRaftTermPersistentStateBuilder().setTerm(0).setVotedFor(null).build();
    SnapshotEntry snapshot = latestSnapshot(fs, dir, codec, sealer, factory);
    List<LogEntry> entries = new ArrayList<>();
    long after = snapshot == null ? 0 : snapshot.getIndex();
    for (Map.Entry<Long, LogEntry> e : r.entries.tailMap(after, false).entrySet()) {
      entries.add(e.getValue());
    }
    return new RestoredRaftState(endpoint, initial, term, snapshot, entries);
  }

  private static Restored read(FileSystem fs, String dir, WireCodec codec, Sealer sealer) {
    byte[] endpoint = null;
    byte[] initial = null;
    byte[] term = null;
    NavigableMap<Long, LogEntry> entries = new TreeMap<>();
    for (String name : walSegments(fs, dir)) {
      for (byte[] rec : records(fs.read(dir + "/" + WAL + "/" + name), sealer)) {
        byte[] body = Arrays.copyOfRange(rec, 1, rec.length);
        switch (rec[0]) {
          case ENDPOINT -> endpoint = body;
          case INITIAL -> initial = body;
          case TERM -> term = body;
          case ENTRY -> {
            LogEntry e = codec.decodeEntry(body);
            entries.put(e.getIndex(), e);
          }
          case TRUNCATE_FROM -> entries.tailMap(ByteBuffer.wrap(body).getLong(), true).clear();
          default -> throw new IllegalStateException("unknown raft record " + rec[0]);
        }
      }
    }
    return new Restored(endpoint, initial, term, entries);
  }

  private static SnapshotEntry latestSnapshot(
      FileSystem fs, String dir, WireCodec codec, Sealer sealer, RaftModelFactory factory) {
    if (!fs.isDirectory(dir + "/" + SNAP)) {
      return null;
    }
    List<String> names = new ArrayList<>(fs.list(dir + "/" + SNAP));
    names.sort(Comparator.comparingLong(FileRaftStore::snapIndex).reversed());
    for (String name : names) {
      List<SnapshotChunk> chunks = new ArrayList<>();
      for (byte[] rec : records(fs.read(dir + "/" + SNAP + "/" + name), sealer)) {
        chunks.add(codec.decodeChunk(Arrays.copyOfRange(rec, 1, rec.length)));
      }
      if (chunks.isEmpty() || chunks.size() != chunks.get(0).getSnapshotChunkCount()) {
        continue; // an incomplete snapshot: installing it was cut short
      }
      chunks.sort(Comparator.comparingInt(SnapshotChunk::getSnapshotChunkIndex));
      SnapshotChunk first = chunks.get(0);
      return factory
          .createSnapshotEntryBuilder()
          .setIndex(first.getIndex())
          .setTerm(first.getTerm())
          .setSnapshotChunks(chunks)
          .setGroupMembersView(first.getGroupMembersView())
          .build();
    }
    return null;
  }

  private static List<byte[]> records(byte[] file, Sealer sealer) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(file);
    while (b.remaining() >= 4) {
      int n = b.getInt();
      if (n < 0 || n > b.remaining()) {
        break; // a torn last record
      }
      byte[] sealed = new byte[n];
      b.get(sealed);
      out.add(sealer.open(sealed));
    }
    return out;
  }
}
