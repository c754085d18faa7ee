package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code usermod -aG docker ubuntu} at the host (Part 2 §3), as shadow 4.13's usermod answers on
 * this machine: as a user {@code su nobody -c 'usermod -aG docker nobody'}, as root an unknown
 * group or user, a lone {@code -a}, no option, a bad option.
 */
class HostUsermodTest {
  private final SimSession s = SimSession.open("single", 1);

  @AfterEach
  void close() {
    s.close();
  }

  private TranscriptEntry typed(String line) {
    return TypedContainers.run(s, line);
  }

  @Test
  void the_hosts_user_may_not_lock_the_password_file_and_root_may() {
    TranscriptEntry e = typed("usermod -aG docker ubuntu");
    assertEquals(
        "usermod: Permission denied.\nusermod: cannot lock /etc/passwd; try again later.\n",
        e.output());
    assertEquals(1, e.exitCode());
    e = typed("sudo usermod -aG docker ubuntu");
    assertEquals("", e.output());
    assertEquals(0, e.exitCode());
  }

  @Test
  void unknown_groups_and_users_and_usage_errors_come_first() {
    TranscriptEntry e = typed("usermod -aG nosuchgrp ubuntu");
    assertEquals("usermod: group 'nosuchgrp' does not exist\n", e.output());
    assertEquals(6, e.exitCode());
    e = typed("sudo usermod -aG docker nosuchuser");
    assertEquals("usermod: user 'nosuchuser' does not exist\n", e.output());
    assertEquals(6, e.exitCode());
    e = typed("sudo usermod -a ubuntu");
    assertTrue(
        e.output()
            .startsWith(
                "usermod: -a flag is only allowed with the -G flag\nUsage: usermod [options]"
                    + " LOGIN\n\nOptions:\n  -a, --append "),
        e.output());
    assertEquals(2, e.exitCode());
    e = typed("sudo usermod ubuntu");
    assertTrue(e.output().startsWith("usermod: no options\nUsage: usermod"), e.output());
    e = typed("usermod -x ubuntu");
    assertTrue(e.output().startsWith("usermod: invalid option -- 'x'\nUsage: "), e.output());
    assertTrue(
        e.output()
            .endsWith(
                "  -Z, --selinux-user SEUSER     new SELinux user mapping for the user account\n\n"),
        e.output());
    assertEquals(2, e.exitCode());
  }
}
