package dev.ddlab.session;

import java.util.List;
import java.util.Set;

/**
 * What a learner's client machine refuses because the Docker engine runs elsewhere: managing the
 * daemon ({@code systemctl restart docker}, {@code service docker stop}) and reading its data
 * directory ({@code /var/lib/docker}). A real engine is shared by the class and is not the
 * learner's to restart; the simulator's nodes allow both.
 */
final class RemoteEngine {
  static final String DATA_ROOT = "/var/lib/docker";
  private static final Set<String> UNITS =
      Set.of("docker", "docker.service", "docker.socket", "containerd", "containerd.service");

  private RemoteEngine() {}

  /** The Vietnamese refusal for {@code argv}, or null when the client may run it. */
  static String refusal(List<String> argv, String engineHost) {
    if (argv.isEmpty()) {
      return null;
    }
    String cmd = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    boolean service =
        (cmd.equals("systemctl") && args.stream().anyMatch(UNITS::contains))
            || (cmd.equals("service") && !args.isEmpty() && UNITS.contains(args.get(0)));
    if (service) {
      return "ddlab: Docker Engine của phiên này là Engine thật ở "
          + engineHost
          + ", dùng chung cho cả lớp, không chạy trên máy này. Máy này chỉ là máy khách (docker"
          + " CLI) của bạn, nên bạn không dừng hay khởi động lại được Engine đó. Muốn thử"
          + " systemctl restart docker, hãy mở một phiên mô phỏng.";
    }
    for (String a : args) {
      if (a.equals(DATA_ROOT) || a.startsWith(DATA_ROOT + "/")) {
        return "ddlab: "
            + DATA_ROOT
            + " nằm trên máy chạy Docker Engine thật ("
            + engineHost
            + "), không nằm trên máy khách này, nên không xem được ở đây. Hãy dùng docker"
            + " inspect, docker image inspect, hoặc mở một phiên mô phỏng để xem bên trong.";
      }
    }
    return null;
  }
}
