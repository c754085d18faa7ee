package dev.ddlab.sim.shell;

/** The host shell's {@code help}: what the simulated machine offers, in Vietnamese. */
final class HostHelp {
  private HostHelp() {}

  static int help(Io io) {
    io.out()
        .accept(
            """
            ddlab — máy Docker mô phỏng. Gõ lệnh như trên một máy Linux thật:
              docker …                 điều khiển Docker Engine của node này (docker --help)
              ls, cd, pwd, cat, echo   xem và sửa tệp (echo "…" > tệp, >> để nối thêm)
              mkdir, rm, cp, mv, touch tạo, xoá, chép, đổi tên tệp và thư mục
              grep, head, tail, wc     lọc kết quả, ví dụ: docker images | grep alpine
              sort, uniq, cut, tr, sed xử lý văn bản trong đường ống (|)
              tar -czvf / -zxvf        đóng gói và giải nén
              curl localhost:8080      gọi ứng dụng web trong container qua cổng đã publish
              sleep 10                 cho thời gian ảo trôi qua (10s, 5m, 1h, 1d)
              timeout 5 LỆNH           dừng LỆNH sau 5 giây ảo (mã thoát 124)
              seq 1 10, yes            in dãy số; in một dòng mãi (dừng bằng Ctrl-C hay | head)
              systemctl restart docker khởi động lại Docker daemon (stop, start, status)
              ssh NODE LỆNH            chạy lệnh trên node khác của phiên
              history, clear, exit     lịch sử lệnh, xoá màn hình, thoát
            Trong container: Ctrl-P Ctrl-Q để tách ra mà container vẫn chạy; exit để thoát shell.
            Nối lệnh bằng ;, &&, ||, |; thay thế lệnh bằng $( … ), ví dụ: docker rm $(docker ps -aq) -f
            Vòng lặp và điều kiện: for c in $(docker ps -q); do docker stop $c; done
              while [ $i -lt 3 ]; do i=$((i+1)); done   if [ -f tệp ]; then …; fi   Ctrl-C để dừng
            """);
    return 0;
  }
}
