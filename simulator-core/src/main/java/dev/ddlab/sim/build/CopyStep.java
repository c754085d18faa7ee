package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Heredoc;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.ShellLex;
import dev.ddlab.dockerfile.Stage;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import dev.ddlab.fs.UserDb;
import dev.ddlab.go.GoPath;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * COPY and ADD: the sources (from the context, an earlier stage or an image) matched, patterns in
 * their last element included, their checksum in the cache key, the files and the missing parent
 * directories as the layer.
 */
final class CopyStep {
  private final BuildState s;

  CopyStep(BuildState s) {
    this.s = s;
  }

  FileStep plan(
      StageState st,
      List<String> rawSources,
      List<Heredoc> inline,
      String rawDest,
      String rawFrom,
      String rawChown,
      String chmod,
      Instruction i,
      String kind) {
    Map<String, String> env = st.env();
    String from = rawFrom.isEmpty() ? "" : s.word(rawFrom, s.meta, i);
    List<String> sources = new ArrayList<>();
    for (String src : rawSources) {
      sources.add(s.word(src, env, i));
    }
    String destWord = s.word(rawDest, env, i);
    String chown = rawChown.isEmpty() ? "" : s.word(rawChown, env, i);
    String dest = Paths.resolve(st.workdir(), destWord);
    int count = sources.size() + inline.size();
    boolean destIsDir = destWord.endsWith("/") || destWord.equals(".") || count > 1;
    if (count > 1 && !(destWord.endsWith("/") || destWord.equals("."))) {
      throw new BuildFailure(
          "When using "
              + kind
              + " with more than one source file, the destination must be a"
              + " directory and end with a /",
          i.node().startLine(),
          i.node().endLine());
    }
    // Where the files come from: the context, an earlier stage or an image.
    NavigableMap<String, Entry> source;
    long notBefore = 0;
    String ref;
    if (from.isEmpty()) {
      source = s.ctx.entries();
      notBefore = s.contextVertex == null ? 0 : s.contextVertex.completed;
      ref = s.b.random().uuid() + "::" + s.b.random().alnum(25);
    } else {
      Stage other = s.stageNamed(from, st.stage.index());
      List<Layer> layers = new ArrayList<>();
      if (other != null) {
        StageState built = s.done.get(other.index());
        layers.addAll(built.fsLayers());
        notBefore = built.time;
      } else {
        s.bases.get(from).image().layers().forEach(l -> layers.add(l.layer()));
      }
      source = flatten(layers);
      ref = s.b.random().alnum(25);
    }
    // Match the sources.
    Map<String, Entry> files = new TreeMap<>();
    boolean copiesDirectory = false;
    for (String src : sources) {
      if (kind.equals("ADD") && UrlSource.isUrl(src)) {
        UrlSource.Fetched f = UrlSource.fetch(s, src, s.preludeEnd, i);
        notBefore = Math.max(notBefore, f.done());
        String target =
            destIsDir || isDir(st, dest) ? Paths.resolve(dest, UrlSource.fileName(src)) : dest;
        files.put(target, Entry.file(0600, Content.of(f.body()), null, f.mtime()));
        continue;
      }
      String clean = Paths.normalize("/" + src);
      List<String> roots = match(source, clean);
      if (roots.isEmpty()) {
        throw new BuildFailure(
            "failed to compute cache key: failed to calculate checksum of ref "
                + ref
                + ": \""
                + clean
                + "\": not found",
            i.node().startLine(),
            i.node().endLine());
      }
      for (String root : roots) {
        Entry e = root.equals("/") ? Entry.dir(0755, 0) : source.get(root);
        if (e.isDirectory()) {
          copiesDirectory = true;
          String prefix = root.equals("/") ? "/" : root + "/";
          for (Map.Entry<String, Entry> f :
              source.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
            files.put(Paths.resolve(dest, f.getKey().substring(prefix.length())), f.getValue());
          }
        } else {
          String target =
              destIsDir || isDir(st, dest) ? Paths.resolve(dest, Paths.name(root)) : dest;
          files.put(target, e);
        }
      }
    }
    // Here-documents: files named by their delimiter, 0664 under dockerd's umask 022 (0644), the
    // body expanded with the stage's environment when the delimiter was not quoted.
    for (Heredoc h : inline) {
      String data = h.expand() ? new ShellLex('\\').raw(h.data(), env) : h.data();
      String target = destIsDir || isDir(st, dest) ? Paths.resolve(dest, h.name()) : dest;
      files.put(target, Entry.file(0644, Content.text(data), null, s.t0));
    }
    String keyText =
        kind
            + " "
            + sources
            + " "
            + dest
            + " chown="
            + chown
            + " chmod="
            + chmod
            + "\n"
            + Digests.sha256(checksum(files));
    boolean intoDir = destIsDir || copiesDirectory;
    StringBuilder history = new StringBuilder(kind);
    sources.forEach(src -> history.append(' ').append(src));
    inline.forEach(h -> history.append(" <<").append(h.name()));
    String createdBy = history.append(' ').append(destWord).append(" # buildkit").toString();
    return new FileStep(
        keyText,
        createdBy,
        notBefore,
        v -> {
          UnionFs fs = new UnionFs(st.fsLayers(), 0, s.b.clock()::nowNanos);
          Map<String, Entry> entries = new TreeMap<>();
          // --chown's names are the stage's own /etc/passwd and /etc/group, read at the copy
          int[] owner = chown.isEmpty() ? new int[] {0, 0} : UserDb.copyOwner(fs, chown);
          int uid = owner[0];
          int gid = owner[1];
          // The directories the copy makes or fills carry the build's start, not the step's: the
          // files keep their own metadata, so the same COPY on every platform of a build (each on
          // its own time) is one layer, as BuildKit's copies made within the same second are.
          // (the root directory itself is no layer's entry: COPY a.txt / only adds the file)
          if (intoDir && !dest.equals("/")) {
            entries.put(dest, Entry.dir(0755, s.t0, uid, gid));
          }
          for (String f : files.keySet()) {
            for (String p = Paths.parent(f); !p.equals("/"); p = Paths.parent(p)) {
              if (!entries.containsKey(p) && !fs.isDirectory(p)) {
                entries.put(p, Entry.dir(0755, s.t0, uid, gid));
              }
            }
          }
          int mode = chmod.isEmpty() ? -1 : Integer.parseInt(chmod, 8);
          for (Map.Entry<String, Entry> f : files.entrySet()) {
            Entry e = f.getValue();
            // the context's modes, and root's ownership or --chown's, as BuildKit's copy makes them
            Entry owned =
                e.node().uid() == uid && e.node().gid() == gid ? e : e.withOwner(uid, gid);
            entries.put(f.getKey(), mode >= 0 && !e.isDirectory() ? owned.withMode(mode) : owned);
          }
          long bytes = 0;
          for (Entry e : entries.values()) {
            bytes += e.isFile() ? e.content().size() : 0;
          }
          return new FileStep.Work(s.b.layer(Layer.of(entries)), 9 * MS + bytes / 5000);
        },
        null,
        inline.size());
  }

  /** What is copied (paths, modes, contents or link targets), for the cache key. */
  private static String checksum(Map<String, Entry> files) {
    StringBuilder sum = new StringBuilder();
    for (Map.Entry<String, Entry> f : files.entrySet()) {
      Entry e = f.getValue();
      sum.append(f.getKey()).append(' ').append(e.node().mode()).append(' ');
      if (e.isFile()) {
        sum.append(Digests.sha256(e.content().bytes()));
      } else if (e.node().linkTarget() != null) {
        sum.append(e.node().linkTarget());
      }
      sum.append('\n');
    }
    return sum.toString();
  }

  private boolean isDir(StageState st, String path) {
    return new UnionFs(st.fsLayers(), 0, s.b.clock()::nowNanos).isDirectory(path);
  }

  /** The files of a stack of layers as one map (whiteouts applied), for COPY --from. */
  private static NavigableMap<String, Entry> flatten(List<Layer> layers) {
    TreeMap<String, Entry> out = new TreeMap<>();
    for (Layer l : layers) {
      for (Map.Entry<String, Entry> e : l.entries().entrySet()) {
        String path = e.getKey();
        if (e.getValue().whiteout()) {
          out.remove(path);
          out.subMap(path + "/", path + "/" + Character.MAX_VALUE).clear();
        } else {
          if (e.getValue().opaque()) {
            out.subMap(path + "/", path + "/" + Character.MAX_VALUE).clear();
          }
          out.put(path, e.getValue());
        }
      }
    }
    return out;
  }

  /** The paths a source names: itself, or what a pattern in its last element matches. */
  private static List<String> match(NavigableMap<String, Entry> source, String clean) {
    if (clean.equals("/")) {
      return List.of("/");
    }
    if (source.containsKey(clean)) {
      return List.of(clean);
    }
    String name = Paths.name(clean);
    if (!name.matches(".*[*?\\[].*")) {
      return List.of();
    }
    String dir = Paths.parent(clean);
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String p : source.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
      String rest = p.substring(prefix.length());
      if (!rest.contains("/") && GoPath.match(name, rest)) {
        out.add(p);
      }
    }
    return out;
  }
}
