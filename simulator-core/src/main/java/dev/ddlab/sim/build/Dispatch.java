package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoStrconv;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One instruction of a stage: the config-only ones (ARG, ENV, LABEL, EXPOSE, USER, VOLUME,
 * STOPSIGNAL, SHELL, CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD, MAINTAINER) change the config and add
 * an empty-layer history entry; WORKDIR, RUN ({@link RunStep}), COPY and ADD ({@link CopyStep}) are
 * steps that hit the cache or make a layer.
 */
final class Dispatch {
  private final BuildState s;
  private final RunStep run;
  private final CopyStep copy;

  Dispatch(BuildState s) {
    this.s = s;
    this.run = new RunStep(s);
    this.copy = new CopyStep(s);
  }

  void dispatch(StageState st, Instruction i) {
    if (i instanceof Instruction.Arg a) {
      for (Instruction.ArgPair p : a.args()) {
        String v;
        if (s.req.buildArgs().containsKey(p.key())) {
          v = s.req.buildArgs().get(p.key());
        } else if (p.value() != null) {
          v = s.word(p.value(), st.env(), i);
        } else {
          v = s.meta.get(p.key());
        }
        st.args.put(p.key(), v);
        st.meta("ARG " + p.key() + (v == null ? "" : "=" + v));
      }
    } else if (i instanceof Instruction.Env e) {
      keyValues(st, i, "ENV", e.pairs(), st.config::env);
    } else if (i instanceof Instruction.Label l) {
      keyValues(st, i, "LABEL", l.pairs(), st.config::label);
    } else if (i instanceof Instruction.Expose x) {
      List<String> ports = new ArrayList<>();
      for (String p : x.ports()) {
        for (String w : s.lex.words(p, st.env())) {
          ports.add(st.config.expose(w));
        }
      }
      ports.sort(null);
      StringBuilder sb = new StringBuilder("EXPOSE map[");
      for (int k = 0; k < ports.size(); k++) {
        sb.append(k == 0 ? "" : " ").append(ports.get(k)).append(":{}");
      }
      st.meta(sb.append(']').toString());
    } else if (i instanceof Instruction.User u) {
      String user = s.word(u.user(), st.env(), i);
      st.config.user(user);
      st.meta("USER " + user);
    } else if (i instanceof Instruction.Volume v) {
      List<String> vols = new ArrayList<>();
      for (String p : v.volumes()) {
        String w = s.word(p, st.env(), i);
        st.config.volume(w);
        vols.add(w);
      }
      st.meta("VOLUME [" + String.join(" ", vols) + "]");
    } else if (i instanceof Instruction.StopSignal ss) {
      String sig = s.word(ss.signal(), st.env(), i);
      st.config.stopSignal(sig);
      st.meta("STOPSIGNAL " + sig);
    } else if (i instanceof Instruction.Shell sh) {
      st.shell = sh.shell();
      st.meta("SHELL [" + String.join(" ", sh.shell()) + "]");
    } else if (i instanceof Instruction.Cmd c) {
      List<String> cmd = st.commandLine(c.command(), c.json());
      st.config.cmd(cmd);
      st.meta("CMD " + goList(cmd));
    } else if (i instanceof Instruction.Entrypoint e) {
      List<String> cmd = e.command() == null ? List.of() : st.commandLine(e.command(), e.json());
      st.config.entrypoint(cmd);
      st.meta("ENTRYPOINT " + goList(cmd));
    } else if (i instanceof Instruction.Healthcheck h) {
      st.config.healthcheck(
          new HealthConfig(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.retries()));
      // BuildKit 0.11's history: Go's %q of the *HealthConfig (durations by their String())
      st.meta(
          "HEALTHCHECK &{"
              + goList(h.test())
              + " "
              + GoStrconv.quote(GoTime.durationString(h.interval()))
              + " "
              + GoStrconv.quote(GoTime.durationString(h.timeout()))
              + " "
              + GoStrconv.quote(GoTime.durationString(h.startPeriod()))
              + " "
              + GoStrconv.quoteRune(h.retries())
              + "}");
    } else if (i instanceof Instruction.Onbuild o) {
      st.config.onBuild(o.expression());
      st.meta("ONBUILD " + o.expression());
    } else if (i instanceof Instruction.Maintainer m) {
      st.meta("MAINTAINER " + m.maintainer());
    } else if (i instanceof Instruction.Workdir w) {
      step(st, w, workdir(st, w));
    } else if (i instanceof Instruction.Run r) {
      step(st, r, run.plan(st, r));
    } else if (i instanceof Instruction.Copy c) {
      step(
          st,
          c,
          copy.plan(
              st, c.sources(), c.inline(), c.dest(), c.from(), c.chown(), c.chmod(), c, "COPY"));
    } else if (i instanceof Instruction.Add a) {
      step(
          st,
          a,
          copy.plan(st, a.sources(), a.inline(), a.dest(), "", a.chown(), a.chmod(), a, "ADD"));
    }
  }

  /** Go's %v of a quoted string slice, as BuildKit writes CMD in history: ["node" "./app.js"]. */
  /**
   * ENV and LABEL: each key and value substituted with the stage's environment before the
   * instruction, set with {@code set}, and the history line "ENV k=v …".
   */
  private void keyValues(
      StageState st,
      Instruction i,
      String name,
      List<Instruction.KeyValue> pairs,
      java.util.function.BiConsumer<String, String> set) {
    StringBuilder sb = new StringBuilder(name);
    for (Instruction.KeyValue kv : pairs) {
      String k = s.word(kv.key(), st.env(), i);
      String v = s.word(kv.value(), st.env(), i);
      set.accept(k, v);
      sb.append(' ').append(k).append('=').append(v);
    }
    st.meta(sb.toString());
  }

  private static String goList(List<String> args) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < args.size(); k++) {
      sb.append(k == 0 ? "" : " ").append('"').append(args.get(k)).append('"');
    }
    return sb.append(']').toString();
  }

  /** A file step: cache hit or run its work, then a layer and a history entry. */
  private void step(StageState st, Instruction i, FileStep f) {
    long start = Math.max(st.time, f.notBefore());
    List<Vertex> documents = new ArrayList<>();
    for (int k = 0; k < f.inlineDocuments(); k++) {
      documents.add(s.progress.vertex("[internal] preparing inline document", start));
    }
    Vertex v = s.progress.step(st, f.shown() != null ? f.shown() : Vertex.shown(i));
    v.started = start;
    String key = Digests.sha256(st.key + "\n" + f.keyText());
    Optional<BuildCache.Record> hit = s.req.noCache() ? Optional.empty() : s.b.cache().get(key);
    ImageLayer layer;
    long created;
    documents.forEach(d -> d.cached = hit.isPresent());
    if (hit.isPresent()) {
      v.cached = true;
      v.completed = v.started;
      layer = hit.get().layer();
      created = hit.get().createdNanos();
    } else {
      FileStep.Work w = f.work().apply(v);
      layer = w.layer();
      v.completed = v.started + w.nanos();
      created = v.completed;
      s.b
          .cache()
          .put(new BuildCache.Record(s.b.random().alnum(25), key, layer, created, f.createdBy()));
    }
    if (layer != null) {
      st.layers.add(layer);
      v.diffId = layer.diffId();
    }
    st.history.add(
        new ImageConfig.History(created, f.createdBy(), BuildState.COMMENT, "", layer == null));
    st.key = key;
    st.time = v.completed;
    st.lastCreated = created;
  }

  /** WORKDIR: BuildKit's mkdir of the missing directories (an empty layer when none is). */
  private FileStep workdir(StageState st, Instruction.Workdir w) {
    String dir = Paths.resolve(st.workdir(), s.word(w.path(), st.env(), w));
    st.config.workingDir(dir);
    return new FileStep(
        "WORKDIR " + dir,
        "WORKDIR " + dir,
        0,
        v -> {
          UnionFs fs = new UnionFs(st.fsLayers(), 0, s.b.clock()::nowNanos);
          Map<String, Entry> entries = new TreeMap<>();
          String p = "";
          for (String part : dir.split("/")) {
            if (part.isEmpty()) {
              continue;
            }
            p = p + "/" + part;
            if (!fs.isDirectory(p)) {
              entries.put(p, Entry.dir(0755, v.started));
            }
          }
          return new FileStep.Work(s.b.layer(Layer.of(entries)), 4 * MS);
        });
  }
}
