package dev.ddlab.bridge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientNodeTest {
  @Test
  void published_ports_listen_on_this_machine_for_a_socket_and_on_the_daemons_host_for_tcp() {
    assertEquals("127.0.0.1", ClientNode.daemonMachine("unix:///run/ddlab-docker/docker.sock"));
    assertEquals("10.1.2.3", ClientNode.daemonMachine("tcp://10.1.2.3:2375"));
    assertEquals("docker.lab.example", ClientNode.daemonMachine("tcp://docker.lab.example:2376"));
  }
}
