package dev.ddlab.sim.shell;

import java.util.List;

/**
 * vi, vim and nano: full-screen editors the simulated terminal does not draw. They say so in
 * Vietnamese and point to what does edit files: the playground's «Tệp» panel on the host, and
 * {@code echo}, {@code cat >} and heredocs everywhere. Nothing is written; the status is 1.
 */
final class EditorFallback implements Tool {
  @Override
  public int run(ToolContext ctx, List<String> args) {
    String file =
        args.stream()
            .filter(a -> !a.startsWith("-") && !a.startsWith("+"))
            .findFirst()
            .orElse("TỆP");
    Io io = ctx.io();
    io.errln(ctx.argv0() + ": terminal mô phỏng của ddlab không có trình soạn thảo toàn màn hình.");
    if (!ctx.busybox()) {
      String path = file.equals("TỆP") ? file : dev.ddlab.fs.Paths.resolve(ctx.cwd(), file);
      io.errln(
          "  Mở bảng «Tệp» của playground, nhập đường dẫn " + path + ", sửa rồi bấm Lưu; hoặc");
    }
    io.errln("  ghi tệp ngay trong terminal:");
    io.errln("    echo 'một dòng' > " + file + "        (>> để nối thêm một dòng)");
    io.errln("    cat > " + file + " <<'EOF'");
    io.errln("    …nội dung…");
    io.errln("    EOF");
    return 1;
  }
}
