package dev.ddlab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTest {
  @TempDir Path dir;

  static Submission work(String student) {
    return new Submission(
        Submission.FORMAT,
        "p2-containers-stop",
        student,
        1702,
        "single",
        "0.1.0-SNAPSHOT",
        List.of(
            new TranscriptEntry(
                "node1", "ubuntu@node1:~$ ", "docker stop gentle", "gentle\n", 0, 1_000L)));
  }

  static Authorship received(Submission s) throws SubmissionException {
    return SubmissionCodec.receive(SubmissionCodec.write(s).getBytes(StandardCharsets.UTF_8))
        .authorship();
  }

  @Test
  void a_signed_submission_verifies_and_names_its_key_even_reindented() throws Exception {
    KeyPair key = Signing.generate();
    Submission signed = Signing.sign(work("sv01"), key);
    Authorship a = received(signed);
    assertEquals(Authorship.Kind.SIGNED, a.kind());
    assertFalse(a.suspect());
    assertEquals(Signing.keyId(Signing.publicKeyText(key.getPublic())), a.keyId());
    String compact = SubmissionCodec.write(signed).replaceAll("\\n\\s*", "");
    assertEquals(
        Authorship.Kind.SIGNED,
        SubmissionCodec.receive(compact.getBytes(StandardCharsets.UTF_8)).authorship().kind());
  }

  @Test
  void an_edit_after_signing_is_flagged_as_forged() throws Exception {
    Submission signed = Signing.sign(work("sv01"), Signing.generate());
    for (String[] edit :
        new String[][] {
          {"\"student\" : \"sv01\"", "\"student\" : \"sv02\""},
          {"docker stop gentle", "docker stop  gentle"},
          {"\"seed\" : 1702", "\"seed\" : 1703"},
        }) {
      String json = SubmissionCodec.write(signed);
      assertTrue(json.contains(edit[0]), edit[0]);
      Authorship a =
          SubmissionCodec.receive(json.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8))
              .authorship();
      assertEquals(Authorship.Kind.FORGED, a.kind(), edit[1]);
      assertTrue(a.suspect());
    }
  }

  @Test
  void an_unsigned_submission_and_a_solution_export_are_suspect() throws Exception {
    Authorship unsigned = received(work("sv01"));
    assertEquals(Authorship.Kind.UNSIGNED, unsigned.kind());
    assertTrue(unsigned.suspect());
    Authorship solution = received(work("sv01").withOrigin(Submission.REFERENCE_SOLUTION));
    assertEquals(Authorship.Kind.SOLUTION, solution.kind());
    // removing the mark leaves an unsigned submission, still flagged
    assertEquals(Authorship.Kind.UNSIGNED, received(work("sv01").withOrigin(null)).kind());
  }

  @Test
  void an_installation_key_belongs_to_the_first_student_it_signed_for() throws Exception {
    KeyPair alice = Signing.generate();
    KeyPair bob = Signing.generate();
    KeyRing ring = KeyRing.empty();
    Authorship first = ring.judge("alice", received(Signing.sign(work("alice"), alice)));
    assertFalse(first.suspect());
    assertEquals("alice", first.owner());
    assertFalse(ring.judge("alice", received(Signing.sign(work("alice"), alice))).suspect());
    // bob hands in work signed on alice's machine
    Authorship borrowed = ring.judge("bob", received(Signing.sign(work("bob"), alice)));
    assertTrue(borrowed.suspect(), borrowed.note());
    assertTrue(borrowed.note().contains("alice's"), borrowed.note());
    // alice signs from another machine
    assertTrue(ring.judge("alice", received(Signing.sign(work("alice"), bob))).suspect());
  }

  @Test
  void a_trusted_server_key_signs_for_every_student_and_keys_survive_as_files() throws Exception {
    KeyPair server = Signing.loadOrCreate(dir.resolve("server.key"));
    assertEquals(
        Signing.publicKeyText(server.getPublic()),
        Signing.loadOrCreate(dir.resolve("server.key")).getPublic() == null
            ? ""
            : Signing.publicKeyText(Signing.loadOrCreate(dir.resolve("server.key")).getPublic()));
    String serverId = Signing.keyId(Files.readString(dir.resolve("server.key.pub")));
    KeyRing ring = new KeyRing(Set.of(serverId), Map.of());
    for (String student : List.of("sv01", "sv02")) {
      Authorship a = ring.judge(student, received(Signing.sign(work(student), server)));
      assertFalse(a.suspect(), a.note());
    }
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("server.key"))));
  }
}
