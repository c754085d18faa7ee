package dev.ddlab.sim.swarm.raft;

import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.groupop.UpdateRaftGroupMembersOp;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.message.AppendEntriesFailureResponse;
import io.microraft.model.message.AppendEntriesRequest;
import io.microraft.model.message.AppendEntriesSuccessResponse;
import io.microraft.model.message.InstallSnapshotRequest;
import io.microraft.model.message.InstallSnapshotResponse;
import io.microraft.model.message.PreVoteRequest;
import io.microraft.model.message.PreVoteResponse;
import io.microraft.model.message.RaftMessage;
import io.microraft.model.message.TriggerLeaderElectionRequest;
import io.microraft.model.message.VoteRequest;
import io.microraft.model.message.VoteResponse;
import io.microraft.model.persistence.RaftTermPersistentState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Raft messages, log entries and snapshot chunks as bytes (big-endian, length-prefixed), built back
 * with MicroRaft's model factory. Every Raft message crosses the underlay in this form, so nodes
 * share no objects, and the raft files on a manager's disk hold the same encoding of entries.
 */
public final class WireCodec {
  private static final int APPEND = 1;
  private static final int APPEND_OK = 2;
  private static final int APPEND_FAIL = 3;
  private static final int SNAPSHOT = 4;
  private static final int SNAPSHOT_RESPONSE = 5;
  private static final int PRE_VOTE = 6;
  private static final int PRE_VOTE_RESPONSE = 7;
  private static final int TRIGGER_ELECTION = 8;
  private static final int VOTE = 9;
  private static final int VOTE_RESPONSE = 10;

  private static final byte OP_NEW_TERM = 'N';
  private static final byte OP_MEMBERS = 'M';
  private static final byte OP_APP = 'A';

  private final RaftModelFactory factory;
  private final Operations operations;

  public WireCodec(RaftModelFactory factory, Operations operations) {
    this.factory = factory;
    this.operations = operations;
  }

  public Operations operations() {
    return operations;
  }

  // ---- messages ---------------------------------------------------------------------------------

  public byte[] encode(RaftMessage m) {
    // the header (kind, group, sender, term, an append's indexes) is under 256 bytes: the buffer
    // need not grow, which copied an append request's entries once more
    int size = 256;
    if (m instanceof AppendEntriesRequest r) {
      for (LogEntry e : r.getLogEntries()) {
        size += encodeEntry(e).length;
      }
    }
    return bytes(
        size,
        out -> {
          out.writeByte(kind(m));
          out.writeUTF(String.valueOf(m.getGroupId()));
          member(out, m.getSender());
          out.writeInt(m.getTerm());
          if (m instanceof AppendEntriesRequest r) {
            out.writeInt(r.getPreviousLogTerm());
            out.writeLong(r.getPreviousLogIndex());
            out.writeLong(r.getCommitIndex());
            out.writeLong(r.getQuerySequenceNumber());
            out.writeLong(r.getFlowControlSequenceNumber());
            out.writeInt(r.getLogEntries().size());
            for (LogEntry e : r.getLogEntries()) {
              out.write(encodeEntry(e));
            }
          } else if (m instanceof AppendEntriesSuccessResponse r) {
            out.writeLong(r.getLastLogIndex());
            out.writeLong(r.getQuerySequenceNumber());
            out.writeLong(r.getFlowControlSequenceNumber());
          } else if (m instanceof AppendEntriesFailureResponse r) {
            out.writeLong(r.getExpectedNextIndex());
            out.writeLong(r.getQuerySequenceNumber());
            out.writeLong(r.getFlowControlSequenceNumber());
          } else if (m instanceof InstallSnapshotRequest r) {
            out.writeBoolean(r.isSenderLeader());
            out.writeInt(r.getSnapshotTerm());
            out.writeLong(r.getSnapshotIndex());
            out.writeInt(r.getTotalSnapshotChunkCount());
            out.writeBoolean(r.getSnapshotChunk() != null);
            if (r.getSnapshotChunk() != null) {
              chunk(out, r.getSnapshotChunk());
            }
            members(out, r.getSnapshottedMembers());
            view(out, r.getGroupMembersView());
            out.writeLong(r.getQuerySequenceNumber());
            out.writeLong(r.getFlowControlSequenceNumber());
          } else if (m instanceof InstallSnapshotResponse r) {
            out.writeLong(r.getSnapshotIndex());
            out.writeInt(r.getRequestedSnapshotChunkIndex());
            out.writeLong(r.getQuerySequenceNumber());
            out.writeLong(r.getFlowControlSequenceNumber());
          } else if (m instanceof PreVoteRequest r) {
            out.writeInt(r.getLastLogTerm());
            out.writeLong(r.getLastLogIndex());
          } else if (m instanceof PreVoteResponse r) {
            out.writeBoolean(r.isGranted());
          } else if (m instanceof TriggerLeaderElectionRequest r) {
            out.writeInt(r.getLastLogTerm());
            out.writeLong(r.getLastLogIndex());
          } else if (m instanceof VoteRequest r) {
            out.writeInt(r.getLastLogTerm());
            out.writeLong(r.getLastLogIndex());
            out.writeBoolean(r.isSticky());
          } else if (m instanceof VoteResponse r) {
            out.writeBoolean(r.isGranted());
          }
        });
  }

  private static int kind(RaftMessage m) {
    if (m instanceof AppendEntriesRequest) {
      return APPEND;
    } else if (m instanceof AppendEntriesSuccessResponse) {
      return APPEND_OK;
    } else if (m instanceof AppendEntriesFailureResponse) {
      return APPEND_FAIL;
    } else if (m instanceof InstallSnapshotRequest) {
      return SNAPSHOT;
    } else if (m instanceof InstallSnapshotResponse) {
      return SNAPSHOT_RESPONSE;
    } else if (m instanceof PreVoteRequest) {
      return PRE_VOTE;
    } else if (m instanceof PreVoteResponse) {
      return PRE_VOTE_RESPONSE;
    } else if (m instanceof TriggerLeaderElectionRequest) {
      return TRIGGER_ELECTION;
    } else if (m instanceof VoteRequest) {
      return VOTE;
    } else if (m instanceof VoteResponse) {
      return VOTE_RESPONSE;
    }
    throw new IllegalArgumentException("unknown Raft message " + m);
  }

  public RaftMessage decode(byte[] bytes) {
    return decode(bytes, 0);
  }

  /** The message in {@code bytes} from {@code offset} on (after a channel's tag). */
  public RaftMessage decode(byte[] bytes, int offset) {
    try {
      Cursor cursor = new Cursor(bytes, offset);
      DataInputStream in = new DataInputStream(cursor);
      int kind = in.readUnsignedByte();
      String group = in.readUTF();
      Member sender = member(in);
      int term = in.readInt();
      return switch (kind) {
        case APPEND -> {
          int prevTerm = in.readInt();
          long prevIndex = in.readLong();
          long commit = in.readLong();
          long query = in.readLong();
          long flow = in.readLong();
          int n = in.readInt();
          List<LogEntry> entries = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            entries.add(entry(cursor, in));
          }
          yield factory
              .createAppendEntriesRequestBuilder()
              .setGroupId(group)
              .setSender(sender)
              .setTerm(term)
              .setPreviousLogTerm(prevTerm)
              .setPreviousLogIndex(prevIndex)
              .setCommitIndex(commit)
              .setLogEntries(entries)
              .setQuerySequenceNumber(query)
              .setFlowControlSequenceNumber(flow)
              .build();
        }
        case APPEND_OK ->
            factory
                .createAppendEntriesSuccessResponseBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setLastLogIndex(in.readLong())
                .setQuerySequenceNumber(in.readLong())
                .setFlowControlSequenceNumber(in.readLong())
                .build();
        case APPEND_FAIL ->
            factory
                .createAppendEntriesFailureResponseBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setExpectedNextIndex(in.readLong())
                .setQuerySequenceNumber(in.readLong())
                .setFlowControlSequenceNumber(in.readLong())
                .build();
        case SNAPSHOT -> {
          boolean senderLeader = in.readBoolean();
          int snapTerm = in.readInt();
          long snapIndex = in.readLong();
          int total = in.readInt();
          SnapshotChunk chunk = in.readBoolean() ? chunk(in) : null;
          List<RaftEndpoint> snapshotted = members(in);
          RaftGroupMembersView view = view(in);
          yield factory
              .createInstallSnapshotRequestBuilder()
              .setGroupId(group)
              .setSender(sender)
              .setTerm(term)
              .setSenderLeader(senderLeader)
              .setSnapshotTerm(snapTerm)
              .setSnapshotIndex(snapIndex)
              .setTotalSnapshotChunkCount(total)
              .setSnapshotChunk(chunk)
              .setSnapshottedMembers(snapshotted)
              .setGroupMembersView(view)
              .setQuerySequenceNumber(in.readLong())
              .setFlowControlSequenceNumber(in.readLong())
              .build();
        }
        case SNAPSHOT_RESPONSE ->
            factory
                .createInstallSnapshotResponseBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setSnapshotIndex(in.readLong())
                .setRequestedSnapshotChunkIndex(in.readInt())
                .setQuerySequenceNumber(in.readLong())
                .setFlowControlSequenceNumber(in.readLong())
                .build();
        case PRE_VOTE ->
            factory
                .createPreVoteRequestBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setLastLogTerm(in.readInt())
                .setLastLogIndex(in.readLong())
                .build();
        case PRE_VOTE_RESPONSE ->
            factory
                .createPreVoteResponseBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setGranted(in.readBoolean())
                .build();
        case TRIGGER_ELECTION ->
            factory
                .createTriggerLeaderElectionRequestBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setLastLogTerm(in.readInt())
                .setLastLogIndex(in.readLong())
                .build();
        case VOTE ->
            factory
                .createVoteRequestBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setLastLogTerm(in.readInt())
                .setLastLogIndex(in.readLong())
                .setSticky(in.readBoolean())
                .build();
        case VOTE_RESPONSE ->
            factory
                .createVoteResponseBuilder()
                .setGroupId(group)
                .setSender(sender)
                .setTerm(term)
                .setGranted(in.readBoolean())
                .build();
        default -> throw new IllegalArgumentException("unknown Raft message kind " + kind);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A short text for panels and packet summaries: "AppendEntries t3 [5..6] commit 4". */
  public static String describe(RaftMessage m) {
    if (m instanceof AppendEntriesRequest r) {
      List<LogEntry> es = r.getLogEntries();
      return es.isEmpty()
          ? "AppendEntries t" + r.getTerm() + " heartbeat commit " + r.getCommitIndex()
          : "AppendEntries t"
              + r.getTerm()
              + " ["
              + es.get(0).getIndex()
              + ".."
              + es.get(es.size() - 1).getIndex()
              + "] commit "
              + r.getCommitIndex();
    } else if (m instanceof AppendEntriesSuccessResponse r) {
      return "AppendEntries ok t" + r.getTerm() + " last " + r.getLastLogIndex();
    } else if (m instanceof AppendEntriesFailureResponse r) {
      return "AppendEntries rejected t" + r.getTerm() + " expect " + r.getExpectedNextIndex();
    } else if (m instanceof InstallSnapshotRequest r) {
      return "InstallSnapshot t" + r.getTerm() + " index " + r.getSnapshotIndex();
    } else if (m instanceof InstallSnapshotResponse r) {
      return "InstallSnapshot response t" + r.getTerm() + " index " + r.getSnapshotIndex();
    } else if (m instanceof PreVoteRequest r) {
      return "PreVote t" + r.getTerm();
    } else if (m instanceof PreVoteResponse r) {
      return "PreVote " + (r.isGranted() ? "granted" : "denied") + " t" + r.getTerm();
    } else if (m instanceof TriggerLeaderElectionRequest r) {
      return "TimeoutNow t" + r.getTerm();
    } else if (m instanceof VoteRequest r) {
      return "RequestVote t" + r.getTerm();
    } else if (m instanceof VoteResponse r) {
      return "Vote " + (r.isGranted() ? "granted" : "denied") + " t" + r.getTerm();
    }
    return m.getClass().getSimpleName();
  }

  // ---- entries, chunks, members (also what the raft files hold) --------------------------------

  /**
   * The entry's bytes: index, term, then its operation. A {@link WireEntry} is encoded once and
   * keeps them (the same bytes go to the WAL and to every follower).
   */
  public byte[] encodeEntry(LogEntry e) {
    WireEntry w = e instanceof WireEntry we ? we : null;
    if (w != null && w.wire != null) {
      return w.wire;
    }
    Object op = e.getOperation();
    byte[] wire;
    if (op instanceof Operations.NewTerm || op instanceof UpdateRaftGroupMembersOp) {
      wire =
          bytes(
              64,
              out -> {
                out.writeLong(e.getIndex());
                out.writeInt(e.getTerm());
                operation(out, op);
              });
    } else {
      byte[] b = operations.encode(op);
      wire =
          ByteBuffer.allocate(8 + 4 + 1 + 4 + b.length)
              .putLong(e.getIndex())
              .putInt(e.getTerm())
              .put(OP_APP)
              .putInt(b.length)
              .put(b)
              .array();
    }
    if (w != null) {
      w.wire = wire;
    }
    return wire;
  }

  /** An entry from its bytes (a WAL record), which it keeps as its encoding. */
  public LogEntry decodeEntry(byte[] bytes) {
    Cursor cursor = new Cursor(bytes);
    try {
      return entry(cursor, new DataInputStream(cursor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] encodeChunk(SnapshotChunk c) {
    return bytes(out -> chunk(out, c));
  }

  public SnapshotChunk decodeChunk(byte[] bytes) {
    return read(bytes, this::chunk);
  }

  public byte[] encodeView(RaftGroupMembersView v) {
    return bytes(out -> view(out, v));
  }

  public RaftGroupMembersView decodeView(byte[] bytes) {
    return read(bytes, this::view);
  }

  public byte[] encodeTerm(RaftTermPersistentState t) {
    return bytes(
        out -> {
          out.writeInt(t.getTerm());
          out.writeBoolean(t.getVotedFor() != null);
          if (t.getVotedFor() != null) {
            member(out, t.getVotedFor());
          }
        });
  }

  public RaftTermPersistentState decodeTerm(byte[] bytes) {
    return read(
        bytes,
        in ->
            factory
                .createRaftTermPersistentStateBuilder()
                .setTerm(in.readInt())
                .setVotedFor(in.readBoolean() ? member(in) : null)
                .build());
  }

  public byte[] encodeMember(RaftEndpoint m) {
    return bytes(out -> member(out, m));
  }

  public Member decodeMember(byte[] bytes) {
    return read(bytes, WireCodec::member);
  }

  /**
   * The entry at the cursor ({@code in} reads the same bytes), keeping a copy of its bytes as its
   * encoding; an application operation is read from that copy, not copied again.
   */
  private LogEntry entry(Cursor cursor, DataInputStream in) throws IOException {
    int start = cursor.position();
    long index = in.readLong();
    int term = in.readInt();
    if (cursor.peek() != OP_APP) {
      Object op = operation(in);
      return new WireEntry(index, term, op, cursor.copy(start, cursor.position()));
    }
    in.readByte();
    int len = in.readInt();
    int opStart = cursor.position();
    if (len < 0 || len > cursor.available()) {
      throw new IOException("truncated log entry " + index);
    }
    cursor.skip(len);
    byte[] wire = cursor.copy(start, cursor.position());
    return new WireEntry(index, term, operations.decode(wire, opStart - start, len), wire);
  }

  private void chunk(DataOutputStream out, SnapshotChunk c) throws IOException {
    out.writeLong(c.getIndex());
    out.writeInt(c.getTerm());
    operation(out, c.getOperation());
    out.writeInt(c.getSnapshotChunkIndex());
    out.writeInt(c.getSnapshotChunkCount());
    view(out, c.getGroupMembersView());
  }

  private SnapshotChunk chunk(DataInputStream in) throws IOException {
    long index = in.readLong();
    int term = in.readInt();
    Object op = operation(in);
    return factory
        .createSnapshotChunkBuilder()
        .setIndex(index)
        .setTerm(term)
        .setOperation(op)
        .setSnapshotChunkIndex(in.readInt())
        .setSnapshotChunkCount(in.readInt())
        .setGroupMembersView(view(in))
        .build();
  }

  private void operation(DataOutputStream out, Object op) throws IOException {
    if (op instanceof Operations.NewTerm) {
      out.writeByte(OP_NEW_TERM);
    } else if (op instanceof UpdateRaftGroupMembersOp m) {
      out.writeByte(OP_MEMBERS);
      members(out, m.getMembers());
      members(out, m.getVotingMembers());
      member(out, m.getEndpoint());
      out.writeUTF(m.getMode().name());
    } else {
      out.writeByte(OP_APP);
      byte[] b = operations.encode(op);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private Object operation(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case OP_NEW_TERM -> new Operations.NewTerm();
      case OP_MEMBERS ->
          factory
              .createUpdateRaftGroupMembersOpBuilder()
              .setMembers(members(in))
              .setVotingMembers(members(in))
              .setEndpoint(member(in))
              .setMode(MembershipChangeMode.valueOf(in.readUTF()))
              .build();
      case OP_APP -> {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        yield operations.decode(b);
      }
      default -> throw new IOException("unknown operation tag " + tag);
    };
  }

  private void view(DataOutputStream out, RaftGroupMembersView v) throws IOException {
    out.writeLong(v.getLogIndex());
    members(out, v.getMembers());
    members(out, v.getVotingMembers());
  }

  private RaftGroupMembersView view(DataInputStream in) throws IOException {
    return factory
        .createRaftGroupMembersViewBuilder()
        .setLogIndex(in.readLong())
        .setMembers(members(in))
        .setVotingMembers(members(in))
        .build();
  }

  private static void members(DataOutputStream out, Collection<RaftEndpoint> ms)
      throws IOException {
    out.writeInt(ms.size());
    for (RaftEndpoint m : ms) {
      member(out, m);
    }
  }

  private static List<RaftEndpoint> members(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<RaftEndpoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(member(in));
    }
    return out;
  }

  private static void member(DataOutputStream out, RaftEndpoint e) throws IOException {
    Member m = (Member) e;
    out.writeUTF(m.id());
    out.writeUTF(m.address());
  }

  private static Member member(DataInputStream in) throws IOException {
    return new Member(in.readUTF(), in.readUTF());
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] bytes(Writer w) {
    return bytes(64, w);
  }

  private static byte[] bytes(int size, Writer w) {
    ByteSink b = new ByteSink(size);
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /**
   * A byte array being read, whose position an entry's reader needs (to keep its bytes); its reads
   * are {@link ByteArrayInputStream}'s without the locks (see {@link ByteSink}).
   */
  private static final class Cursor extends ByteArrayInputStream {
    Cursor(byte[] bytes) {
      super(bytes);
    }

    Cursor(byte[] bytes, int offset) {
      super(bytes, offset, bytes.length - offset);
    }

    @Override
    public int read() {
      return pos < count ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (pos >= count) {
        return -1;
      }
      int n = Math.min(len, count - pos);
      if (n <= 0) {
        return 0;
      }
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, count - pos));
      pos += (int) k;
      return k;
    }

    @Override
    public int available() {
      return count - pos;
    }

    int position() {
      return pos;
    }

    int peek() {
      return pos < count ? buf[pos] : -1;
    }

    byte[] copy(int from, int to) {
      return from == 0 && to == buf.length ? buf : Arrays.copyOfRange(buf, from, to);
    }
  }

  private static <T> T read(byte[] bytes, Reader<T> r) {
    try {
      return r.read(new DataInputStream(new Cursor(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
