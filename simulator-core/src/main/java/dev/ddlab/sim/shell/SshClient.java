package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The host's {@code ssh} client (OpenSSH's program, not the shell's): {@code ssh [opts] [user@]node
 * COMMAND} runs COMMAND in the peer node's login shell; without a command it explains that this
 * terminal cannot open an interactive session and names the node's own terminal.
 */
final class SshClient {
  private SshClient() {}

  static int run(HostShell.Node node, List<String> args, Io io, IntConsumer done) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (ops.isEmpty() && (a.equals("-p") || a.equals("-i") || a.equals("-l") || a.equals("-o"))) {
        i++;
      } else if (ops.isEmpty() && a.startsWith("-")) {
        continue;
      } else {
        ops.add(a);
      }
    }
    if (ops.isEmpty()) {
      io.errln("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] destination [command [argument ...]]");
      done.accept(255);
      return 0;
    }
    String target = ops.get(0);
    if (target.contains("@")) {
      target = target.substring(target.indexOf('@') + 1);
    }
    HostShell peer = node.peer(target);
    if (peer == null) {
      io.errln("ssh: Could not resolve hostname " + target + ": Name or service not known");
      done.accept(255);
      return 0;
    }
    if (ops.size() == 1) {
      io.errln("Pseudo-terminal will not be allocated because stdin is not a terminal.");
      io.errln("ddlab: use `ssh " + target + " COMMAND`, or switch to the terminal of " + target);
      done.accept(255);
      return 0;
    }
    peer.runRemote(String.join(" ", ops.subList(1, ops.size())), io, done);
    return 0;
  }
}
