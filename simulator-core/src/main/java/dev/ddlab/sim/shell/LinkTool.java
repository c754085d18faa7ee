package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ln, in GNU coreutils' or busybox's words (texts checked against busybox 1.35 under the private
 * dockerd and coreutils 9 on the host). Symbolic links are real ones; a hard link is made as a copy
 * of the file (same content, same program), as the simulated filesystems have no inodes.
 */
final class LinkTool {
  private LinkTool() {}

  private static final String BUSYBOX_USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR

      Create a link LINK or DIR/TARGET to the specified TARGET(s)

      \t-s\tMake symlinks instead of hardlinks
      \t-f\tRemove existing destinations
      \t-n\tDon't dereference symlinks - treat like normal file
      \t-b\tMake a backup of the target (if exists) before link operation
      \t-S SUF\tUse suffix instead of ~ when making backup files
      \t-T\tTreat LINK as a file, not DIR
      \t-v\tVerbose""";

  static int ln(ToolContext ctx, List<String> args) {
    boolean busybox = ctx.busybox();
    FileTools.Opts o =
        FileTools.opts(
            args,
            "sfnTv",
            busybox
                ? Map.of()
                : Map.of(
                    "--symbolic", 's',
                    "--force", 'f',
                    "--no-dereference", 'n',
                    "--no-target-directory", 'T',
                    "--verbose", 'v'));
    if (o.bad() != null) {
      return FileTools.badOption(ctx, o.bad());
    }
    List<String> operands = o.operands();
    if (operands.isEmpty()) {
      if (busybox) {
        ctx.io().errln(BUSYBOX_USAGE);
      } else {
        ctx.io().errln("ln: missing file operand");
        ctx.io().errln("Try 'ln --help' for more information.");
      }
      return 1;
    }
    FileSystem fs = ctx.fs();
    boolean symbolic = o.has('s');
    // one operand: a link of the same name in the working directory
    List<String> sources =
        operands.size() == 1 ? operands : operands.subList(0, operands.size() - 1);
    String dest =
        operands.size() == 1 ? Paths.name(operands.get(0)) : operands.get(operands.size() - 1);
    String destPath = FileTools.path(ctx, dest);
    Optional<FileNode> destNode = o.has('n') ? fs.lstat(destPath) : fs.stat(destPath);
    boolean intoDir = !o.has('T') && destNode.map(FileNode::isDirectory).orElse(false);
    if (sources.size() > 1 && !intoDir && !busybox) {
      ctx.io()
          .errln(
              "ln: target '"
                  + dest
                  + "': "
                  + (destNode.isPresent() ? "Not a directory" : "No such file or directory"));
      return 1;
    }
    int status = 0;
    for (String source : sources) {
      String link = intoDir ? dest + "/" + Paths.name(source) : dest;
      status |= link(ctx, fs, source, link, symbolic, o.has('f'), o.has('v'));
    }
    return status;
  }

  private static int link(
      ToolContext ctx,
      FileSystem fs,
      String source,
      String link,
      boolean symbolic,
      boolean force,
      boolean verbose) {
    boolean busybox = ctx.busybox();
    String linkPath = FileTools.path(ctx, link);
    String sourcePath = FileTools.path(ctx, source);
    String what = symbolic ? "symbolic link" : "hard link";
    if (!symbolic && fs.stat(sourcePath).isEmpty()) {
      ctx.io()
          .errln(
              busybox
                  ? "ln: " + source + ": No such file or directory"
                  : "ln: failed to access '" + source + "': No such file or directory");
      return 1;
    }
    try {
      Optional<FileNode> existing = fs.lstat(linkPath);
      if (existing.isPresent()) {
        if (!force || existing.get().isDirectory()) {
          throw new FsException(FsException.Errno.EEXIST, linkPath);
        }
        fs.remove(linkPath, false);
      }
      if (symbolic) {
        fs.symlink(source, linkPath);
      } else {
        fs.copyFile(sourcePath, linkPath);
        fs.chmod(linkPath, fs.stat(sourcePath).map(FileNode::mode).orElse(0644) & 07777);
      }
    } catch (FsException e) {
      ctx.io()
          .errln(
              busybox
                  ? "ln: " + link + ": " + e.getMessage()
                  : "ln: failed to create " + what + " '" + link + "': " + e.getMessage());
      return 1;
    }
    if (verbose) {
      ctx.io()
          .println("'" + link + "' " + (symbolic || busybox ? "->" : "=>") + " '" + source + "'");
    }
    return 0;
  }
}
