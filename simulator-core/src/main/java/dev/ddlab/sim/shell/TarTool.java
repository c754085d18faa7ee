package dev.ddlab.sim.shell;

import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.fs.Gzip;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.TarCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * tar: create ({@code -c}), extract ({@code -x}) and list ({@code -t}) real tar archives, gzip'd
 * with {@code -z}, in the filesystem the tool runs on. The bytes are those of {@link TarCodec}, the
 * same code that writes image layers, so an archive made here is a genuine tarball.
 */
final class TarTool implements Tool {
  @Override
  public int run(ToolContext ctx, List<String> args) {
    char mode = 0;
    boolean gzip = false;
    boolean verbose = false;
    String file = null;
    String dir = null;
    java.util.List<String> operands = new java.util.ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean bundle = i == 0 && !a.startsWith("-") && a.matches("[cxtzvfjpC]+");
      if ((a.startsWith("-") && !a.startsWith("--") && a.length() > 1) || bundle) {
        String flags = bundle ? a : a.substring(1);
        for (int k = 0; k < flags.length(); k++) {
          char c = flags.charAt(k);
          switch (c) {
            case 'c', 'x', 't' -> {
              if (mode != 0 && mode != c) {
                ctx.io()
                    .errln(
                        "tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
                ctx.io().errln("Try 'tar --help' or 'tar --usage' for more information.");
                return 2;
              }
              mode = c;
            }
            case 'z' -> gzip = true;
            case 'v' -> verbose = true;
            case 'p', 'j' -> {}
            case 'f' -> {
              if (i + 1 >= args.size()) {
                ctx.io().errln("tar: option requires an argument -- 'f'");
                return 2;
              }
              file = args.get(++i);
            }
            case 'C' -> {
              if (i + 1 >= args.size()) {
                ctx.io().errln("tar: option requires an argument -- 'C'");
                return 2;
              }
              dir = args.get(++i);
            }
            default -> {
              ctx.io().errln("tar: invalid option -- '" + c + "'");
              ctx.io().errln("Try 'tar --help' or 'tar --usage' for more information.");
              return 2;
            }
          }
        }
      } else if (a.startsWith("--directory=")) {
        dir = a.substring(12);
      } else if (a.equals("--gzip")) {
        gzip = true;
      } else {
        operands.add(a);
      }
    }
    if (mode == 0) {
      ctx.io()
          .errln(
              "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
      ctx.io().errln("Try 'tar --help' or 'tar --usage' for more information.");
      return 2;
    }
    String base = dir == null ? ctx.cwd() : FileTools.path(ctx, dir);
    if (dir != null && !ctx.fs().isDirectory(base)) {
      ctx.io().errln("tar: " + dir + ": Cannot open: No such file or directory");
      ctx.io().errln("tar: Error is not recoverable: exiting now");
      return 2;
    }
    if (file == null) {
      ctx.io().errln("tar: Refusing to read archive contents from terminal (missing -f option?)");
      ctx.io().errln("tar: Error is not recoverable: exiting now");
      return 2;
    }
    return mode == 'c'
        ? create(ctx, file, base, operands, gzip, verbose)
        : readArchive(ctx, file, base, mode == 'x', verbose);
  }

  private static int create(
      ToolContext ctx,
      String file,
      String base,
      List<String> operands,
      boolean gzip,
      boolean verbose) {
    if (operands.isEmpty()) {
      ctx.io().errln("tar: Cowardly refusing to create an empty archive");
      ctx.io().errln("Try 'tar --help' or 'tar --usage' for more information.");
      return 2;
    }
    FileSystem fs = ctx.fs();
    TreeMap<String, Entry> entries = new TreeMap<>();
    int status = 0;
    boolean warnedSlash = false;
    for (String op : operands) {
      String src = Paths.resolve(base, op);
      if (fs.lstat(src).isEmpty()) {
        ctx.io().errln("tar: " + op + ": Cannot stat: No such file or directory");
        status = 2;
        continue;
      }
      String name = Paths.normalize(op).substring(1);
      if (op.startsWith("/") && !warnedSlash) {
        ctx.io().errln("tar: Removing leading `/' from member names");
        warnedSlash = true;
      }
      if (name.isEmpty()) {
        name = ".";
      }
      add(fs, src, "/" + name, entries);
    }
    Layer layer = Layer.of(entries);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      OutputStream out = gzip ? Gzip.compress(bytes) : bytes;
      TarCodec.write(layer, out);
      out.close();
    } catch (IOException e) {
      ctx.io().errln("tar: " + file + ": Cannot write: " + e.getMessage());
      return 2;
    }
    if (verbose) {
      for (Map.Entry<String, Entry> e : layer.entries().entrySet()) {
        ctx.io().println(e.getKey().substring(1) + (e.getValue().isDirectory() ? "/" : ""));
      }
    }
    try {
      fs.write(FileTools.path(ctx, file), bytes.toByteArray(), false);
    } catch (FsException e) {
      ctx.io().errln("tar: " + file + ": Cannot open: " + e.getMessage());
      ctx.io().errln("tar: Error is not recoverable: exiting now");
      return 2;
    }
    if (status != 0) {
      ctx.io().errln("tar: Exiting with failure status due to previous errors");
    }
    return status;
  }

  private static void add(FileSystem fs, String src, String name, Map<String, Entry> into) {
    FileNode n = fs.lstat(src).orElseThrow();
    switch (n.kind()) {
      case SYMLINK -> into.put(name, Entry.symlink(n.linkTarget(), n.mtimeNanos()));
      case DIRECTORY -> {
        into.put(name, Entry.dir(n.mode() & 07777, n.mtimeNanos(), n.uid(), n.gid()));
        for (String c : fs.list(src)) {
          add(fs, src.equals("/") ? "/" + c : src + "/" + c, name + "/" + c, into);
        }
      }
      case FILE ->
          into.put(
              name,
              Entry.file(
                  n.mode() & 07777,
                  Content.of(fs.read(src)),
                  null,
                  n.mtimeNanos(),
                  n.uid(),
                  n.gid()));
    }
  }

  private static int readArchive(
      ToolContext ctx, String file, String base, boolean extract, boolean verbose) {
    byte[] data;
    try {
      data = ctx.fs().read(FileTools.path(ctx, file));
    } catch (FsException e) {
      ctx.io().errln("tar: " + file + ": Cannot open: " + e.getMessage());
      ctx.io().errln("tar: Error is not recoverable: exiting now");
      return 2;
    }
    Layer layer;
    try {
      // Like GNU tar, recognise gzip by its magic bytes whether or not -z was given.
      InputStream in = new ByteArrayInputStream(data);
      if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
        in = new GZIPInputStream(in);
      }
      layer = TarCodec.read(in);
    } catch (IOException e) {
      ctx.io().errln("tar: This does not look like a tar archive");
      ctx.io().errln("tar: Exiting with failure status due to previous errors");
      return 2;
    }
    FileSystem fs = ctx.fs();
    for (Map.Entry<String, Entry> me : layer.entries().entrySet()) {
      Entry e = me.getValue();
      if (e.whiteout()) {
        continue;
      }
      String name = me.getKey().substring(1) + (e.isDirectory() ? "/" : "");
      if (verbose || !extract) {
        ctx.io().println(name);
      }
      if (!extract) {
        continue;
      }
      String target = Paths.resolve(base, me.getKey().substring(1));
      try {
        fs.mkdir(Paths.parent(target), true);
        FileNode n = e.node();
        if (e.isDirectory()) {
          fs.mkdir(target, true);
          fs.chmod(target, n.mode() & 07777);
        } else if (n.isSymlink()) {
          if (fs.lstat(target).isPresent()) {
            fs.remove(target, false);
          }
          fs.symlink(n.linkTarget(), target);
        } else {
          fs.write(target, e.content().bytes(), false);
          fs.chmod(target, n.mode() & 07777);
        }
      } catch (FsException ex) {
        ctx.io().errln("tar: " + name + ": Cannot open: " + ex.getMessage());
      }
    }
    return 0;
  }
}
