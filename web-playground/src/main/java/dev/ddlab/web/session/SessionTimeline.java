package dev.ddlab.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.introspect.SwarmView;
import dev.ddlab.session.Input;
import dev.ddlab.session.RecordingSession;
import dev.ddlab.session.Replay;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated web session's history, for the time bar's rewind: the {@link RecordingSession} every
 * input goes through, the moments worth marking (each input, each change of Raft leader or term),
 * and after a rewind the inputs of the timeline left behind, so the learner can still move forward
 * again within it until they play on or give an input (which forks: those inputs are dropped).
 * Called with the web session's lock held, except {@link Plan}'s replay.
 */
final class SessionTimeline {
  /** A moment on the time bar: a change of Raft leader or term. */
  record Mark(long atNanos, String label) {}

  /** What a rewind replays (computed under the lock, replayed off it). */
  record Plan(List<Input> inputs, int count, long untilNanos) {}

  static final String REFUSED_REAL =
      "Không tua lại được: phiên này chạy trên Docker thật, mà một daemon thật không thể quay ngược"
          + " thời gian. Chỉ phiên mô phỏng mới tua lại được (phát lại từ seed và các thao tác).";

  static final String REFUSED_OVERFLOW =
      "Không tua lại được nữa: phiên này đã ghi hơn "
          + (RecordingSession.MAX_DATA_BYTES >> 20)
          + " MB tệp gửi lên (tải lên, trình soạn thảo), quá sức giữ để phát lại.";

  /** How many inputs the page is sent (the newest): the slider still reaches every moment. */
  static final int INPUTS_SENT = 400;

  private final Replay.Opener opener;
  private final long startNanos;
  private RecordingSession recording;

  /**
   * The inputs of the timeline rewound from (empty when none is kept), and where we stand in it.
   */
  private List<Input> kept = List.of();

  private long keptEnd;

  /** How many of the kept inputs the present replayed: those after it are the kept future. */
  private int keptFrom;

  private final List<Mark> marks = new ArrayList<>();
  private String leader = "";
  private long term = -1;
  private int version;

  SessionTimeline(Session session, Replay.Opener opener) {
    this.opener = opener;
    this.startNanos = session.nowNanos();
    watch(new RecordingSession(session));
  }

  Session session() {
    return recording;
  }

  private void watch(RecordingSession r) {
    this.recording = r;
    r.onInput(this::onInput);
  }

  /** Any input on the present timeline forks it from the one rewound from. */
  private void onInput(Input in) {
    if (!in.isAdvance()) {
      version++;
    }
    if (!kept.isEmpty()) {
      kept = List.of();
      long now = recording.nowNanos();
      marks.removeIf(m -> m.atNanos() > now);
      version++;
    }
  }

  /** Notes a change of Raft leader or term since the last look (after every refresh). */
  void observe() {
    SwarmView swarm = recording.introspection().swarm();
    String l = "";
    long t = -1;
    for (SwarmView.RaftState m : swarm.managers()) {
      t = Math.max(t, m.term());
      if (m.role() == SwarmView.Role.LEADER) {
        l = m.node();
      }
    }
    if (t < 0 || (l.equals(leader) && t == term)) {
      return;
    }
    leader = l;
    term = t;
    long now = recording.nowNanos();
    if (!kept.isEmpty() && now <= keptEnd) {
      return; // the kept timeline's marks already say it
    }
    marks.add(new Mark(now, "term " + t + (l.isEmpty() ? ": chưa có leader" : ": leader " + l)));
    version++;
  }

  /** Changes whenever the page's time bar should be redrawn (inputs, marks, a fork). */
  int version() {
    return version;
  }

  /**
   * The replay a rewind asks for: {@code before} an input (its index in the inputs sent), or to
   * {@code atMs} milliseconds of virtual time after the session's start.
   *
   * @throws IllegalArgumentException in Vietnamese for a moment outside the session
   */
  Plan plan(int before, double atMs) {
    if (recording.overflowed() && kept.isEmpty()) {
      throw new IllegalArgumentException(REFUSED_OVERFLOW);
    }
    List<Input> inputs = all();
    if (before >= 0) {
      if (before >= inputs.size() || inputs.get(before).isAdvance()) {
        throw new IllegalArgumentException("Không có thao tác số " + before + ".");
      }
      return new Plan(inputs, before, inputs.get(before).atNanos());
    }
    long until = startNanos + Math.round(atMs * 1e6);
    if (atMs < 0 || Double.isNaN(atMs) || until > end()) {
      throw new IllegalArgumentException("Thời điểm này nằm ngoài phiên.");
    }
    return new Plan(inputs, inputs.size(), until);
  }

  /** The inputs of the longest timeline known: the kept one after a rewind, else the present. */
  private List<Input> all() {
    return kept.isEmpty() ? recording.inputs() : kept;
  }

  /** The last moment the slider reaches. */
  private long end() {
    return Math.max(recording.nowNanos(), kept.isEmpty() ? 0 : keptEnd);
  }

  /** Takes a replayed session as the present, keeping the timeline it was replayed from. */
  void install(RecordingSession replayed, int applied) {
    long oldEnd = end();
    List<Input> old = all();
    watch(replayed);
    kept = old;
    keptEnd = oldEnd;
    keptFrom = applied;
    leader = "";
    term = -1;
    SwarmView swarm = replayed.introspection().swarm();
    for (SwarmView.RaftState m : swarm.managers()) {
      term = Math.max(term, m.term());
      if (m.role() == SwarmView.Role.LEADER) {
        leader = m.node();
      }
    }
    version++;
  }

  /** The time bar's data: the session's span, its inputs and marks, what a fork would drop. */
  ObjectNode json() {
    if (recording.overflowed() && kept.isEmpty()) {
      return refused(REFUSED_OVERFLOW);
    }
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("rewindable", true);
    t.put("start", java.time.Instant.ofEpochSecond(0, startNanos).toString());
    long now = recording.nowNanos();
    t.put("nowMs", ms(now));
    t.put("endMs", ms(end()));
    List<Input> inputs = all();
    ArrayNode list = t.putArray("inputs");
    int dropped = 0;
    for (int i = Math.max(0, inputs.size() - INPUTS_SENT); i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.isAdvance()) {
        continue;
      }
      boolean future = !kept.isEmpty() && i >= keptFrom;
      if (future) {
        dropped++;
      }
      list.addObject()
          .put("index", i)
          .put("atMs", ms(in.atNanos()))
          .put("node", in.node())
          .put("label", label(in))
          .put("future", future);
    }
    ArrayNode ms = t.putArray("marks");
    for (Mark m : marks) {
      ms.addObject().put("atMs", ms(m.atNanos())).put("label", m.label());
    }
    t.put("dropped", dropped);
    return t;
  }

  static ObjectNode refused(String reason) {
    return Json.MAPPER.createObjectNode().put("rewindable", false).put("reason", reason);
  }

  private double ms(long nanos) {
    return (nanos - startNanos) / 1e6;
  }

  /** Milliseconds as Vietnamese write them: "1000", "0,25". */
  private static String millis(long nanos) {
    return java.math.BigDecimal.valueOf(nanos, 6)
        .stripTrailingZeros()
        .toPlainString()
        .replace('.', ',');
  }

  /** How an input reads in the time bar's list (Vietnamese). */
  static String label(Input in) {
    String a = in.args().isEmpty() ? "" : in.arg(0);
    return switch (in.kind()) {
      case TYPE -> in.unechoed() ? "gõ (không hiện ra)" : "gõ: " + a;
      case INTERRUPT -> "Ctrl-C";
      case RESIZE -> "đổi cỡ terminal " + a + "×" + in.arg(1);
      case ADVANCE -> "thời gian trôi";
      case ADD_NODE -> "thêm node " + in.node();
      case REMOVE_NODE -> "xoá node " + in.node();
      case DAEMON ->
          switch (a) {
            case "stop" -> "dừng Docker";
            case "start" -> "khởi động Docker";
            default -> "khởi động lại Docker";
          };
      case ISOLATE -> "cô lập " + in.node();
      case HEAL -> "nối lại mạng";
      case DROP_NEXT -> "bỏ tin kế tiếp " + in.node() + " → " + a;
      case FORCE_ELECTION -> "ép hết giờ bầu cử";
      case LATENCY -> "độ trễ " + millis(Long.parseLong(a)) + " ms";
      case PUBLISHED_PORT -> "mở cổng " + a;
      case GET -> "HTTP tới " + a;
      default -> "sửa tệp " + a;
    };
  }
}
