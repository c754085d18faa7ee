package dev.ddlab.sim.network;

import java.util.List;

/**
 * The three files dockerd writes for a container and bind-mounts over {@code /etc/hosts}, {@code
 * /etc/hostname} and {@code /etc/resolv.conf} (libnetwork's {@code etchosts}, {@code resolvconf}
 * and {@code sandbox_dns_unix.go}; contents checked on dockerd 20.10):
 *
 * <ul>
 *   <li>hosts: the default entries, the {@code --add-host} records, then the container's first
 *       address with its hostname; {@code --network none} has no own record; {@code host} mode
 *       copies the node's file.
 *   <li>resolv.conf: on a user-defined network the embedded DNS ({@code search} from {@code
 *       --dns-search}, {@code nameserver 127.0.0.11}, {@code options ndots:0}; {@code --dns}
 *       servers become its upstreams); elsewhere the node's resolver with localhost servers left
 *       out, or {@code --dns}/{@code --dns-search}/{@code --dns-option} when given.
 * </ul>
 */
public record EtcFiles(String hosts, String hostname, String resolvConf) {
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  static final String DEFAULT_HOSTS =
      """
      127.0.0.1\tlocalhost
      ::1\tlocalhost ip6-localhost ip6-loopback
      fe00::0\tip6-localnet
      ff00::0\tip6-mcastprefix
      ff02::1\tip6-allnodes
      ff02::2\tip6-allrouters
      """;

  /** What the caller asked for in HostConfig: Dns, DnsSearch, DnsOptions, ExtraHosts. */
  public record Options(
      List<String> dns, List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts) {
    public static final Options NONE = new Options(List.of(), List.of(), List.of(), List.of());

    static List<String> orEmpty(List<String> l) {
      return l == null ? List.of() : l;
    }

    /**
     * These options with {@code --add-host NAME:host-gateway} pointing at {@code gateway} (the
     * default bridge's gateway: the daemon's --host-gateway-ip default).
     */
    Options withHostGateway(String gateway) {
      if (extraHosts == null) {
        return this;
      }
      List<String> extra =
          extraHosts.stream()
              .map(e -> e.endsWith(":host-gateway") ? e.replace("host-gateway", gateway) : e)
              .toList();
      return new Options(dns, dnsSearch, dnsOptions, extra);
    }
  }

  /**
   * @param ip the container's first address, or null (none mode)
   * @param embeddedDns whether the container is on a user-defined network
   * @param nodeHosts the node's /etc/hosts (host mode), nodeResolv its resolv.conf
   */
  static EtcFiles build(
      String hostname,
      String ip,
      boolean hostMode,
      boolean embeddedDns,
      Options o,
      String nodeHosts,
      String nodeResolv) {
    StringBuilder hosts = new StringBuilder();
    List<String> extra = Options.orEmpty(o.extraHosts());
    if (hostMode && extra.isEmpty()) {
      hosts.append(nodeHosts);
    } else {
      hosts.append(DEFAULT_HOSTS);
      for (String e : extra) {
        int colon = e.indexOf(':');
        hosts.append(e.substring(colon + 1)).append('\t').append(e, 0, colon).append('\n');
      }
      if (ip != null && !hostMode) {
        hosts.append(ip).append('\t').append(hostname).append('\n');
      }
    }
    return new EtcFiles(
        hosts.toString(), hostname + "\n", resolvConf(hostMode, embeddedDns, o, nodeResolv));
  }

  private static String resolvConf(
      boolean hostMode, boolean embeddedDns, Options o, String nodeResolv) {
    List<String> dns = Options.orEmpty(o.dns());
    List<String> search = Options.orEmpty(o.dnsSearch());
    List<String> options = Options.orEmpty(o.dnsOptions());
    StringBuilder b = new StringBuilder();
    if (embeddedDns && !hostMode) {
      if (!search.isEmpty()) {
        b.append("search ").append(String.join(" ", search)).append('\n');
      }
      b.append("nameserver 127.0.0.11\n");
      b.append("options ndots:0");
      for (String opt : options) {
        b.append(' ').append(opt);
      }
      return b.append('\n').toString();
    }
    if (dns.isEmpty() && search.isEmpty() && options.isEmpty()) {
      // the node's file as it is, without its localhost servers (resolvconf.FilterResolvDNS)
      StringBuilder kept = new StringBuilder();
      boolean server = false;
      for (String line : nodeResolv.split("\n", -1)) {
        String[] w = WHITESPACE.split(line.trim());
        boolean local =
            w.length > 1
                && w[0].equals("nameserver")
                && (w[1].startsWith("127.") || w[1].equals("::1"));
        server |= !local && w[0].equals("nameserver");
        if (!local) {
          kept.append(line).append('\n');
        }
      }
      int end = kept.length();
      while (end > 0 && kept.charAt(end - 1) == '\n') {
        end--;
      }
      // the trailing newlines as one
      String text = kept.substring(0, end) + "\n";
      if (!server) {
        // libnetwork's defaults when the node has no usable server
        text = text + "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";
      }
      return text.equals("\n") ? "nameserver 8.8.8.8\nnameserver 8.8.4.4\n" : text;
    }
    // each of nameservers, search and options is the caller's or else the node's
    List<String> servers = new java.util.ArrayList<>();
    List<String> nodeSearch = List.of();
    List<String> nodeOptions = List.of();
    for (String line : nodeResolv.split("\n")) {
      String[] w = WHITESPACE.split(line.trim());
      if (w.length < 2) {
        continue;
      }
      List<String> rest = List.of(w).subList(1, w.length);
      switch (w[0]) {
        case "nameserver" -> {
          if (!w[1].startsWith("127.") && !w[1].equals("::1")) {
            servers.add(w[1]);
          }
        }
        case "search" -> nodeSearch = rest;
        case "options" -> nodeOptions = rest;
        default -> {}
      }
    }
    if (!dns.isEmpty()) {
      servers = dns;
    } else if (servers.isEmpty()) {
      // libnetwork's defaults when the node has no usable server
      servers = List.of("8.8.8.8", "8.8.4.4");
    }
    List<String> s = search.isEmpty() ? nodeSearch : search;
    List<String> opts = options.isEmpty() ? nodeOptions : options;
    if (!s.isEmpty()) {
      b.append("search ").append(String.join(" ", s)).append('\n');
    }
    for (String server : servers) {
      b.append("nameserver ").append(server).append('\n');
    }
    if (!opts.isEmpty()) {
      b.append("options ").append(String.join(" ", opts)).append('\n');
    }
    return b.toString();
  }
}
