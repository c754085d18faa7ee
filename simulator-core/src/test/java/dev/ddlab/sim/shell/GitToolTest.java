package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitToolTest {
  private final TestHost host = new TestHost();

  private String file(String path) {
    return new String(host.fs.read(path), StandardCharsets.UTF_8);
  }

  @Test
  void clone_checks_out_the_course_repository_with_its_progress_on_a_terminal() {
    TestHost.Result r = host.type("git clone https://github.com/nigelpoulton/psweb.git");
    assertEquals(0, r.status());
    assertTrue(
        r.output().startsWith("Cloning into 'psweb'...\nremote: Enumerating objects: 17, done.\n"),
        r.output());
    assertTrue(r.output().contains("Receiving objects: 100% (17/17), "), r.output());
    assertTrue(
        file("/home/ubuntu/psweb/Dockerfile").contains("ENTRYPOINT [\"node\", \"./app.js\"]"));
    assertTrue(host.fs.exists("/home/ubuntu/psweb/views/home.pug"));
    assertEquals("ref: refs/heads/master\n", file("/home/ubuntu/psweb/.git/HEAD"));
  }

  @Test
  void commit_ids_are_the_ones_real_git_computes_for_the_same_files_dates_and_author() {
    // checked against git 2.39 committing the same files with the same author and dates
    host.run("git clone https://github.com/nigelpoulton/psweb.git");
    host.run("cd psweb");
    assertEquals(
        "f8f7c4d Tests with mocha and supertest; CircleCI config\n"
            + "5889110 Dockerfile for the app\n"
            + "0c04ce6 Web app: an Express page on port 8080\n"
            + "0b92571 Initial commit\n",
        host.run("git log --oneline | cat"));
  }

  @Test
  void log_decorates_the_head_commit_on_a_terminal_with_gits_date_format() {
    host.run("git clone -q https://github.com/nigelpoulton/psweb.git");
    host.run("cd psweb");
    assertEquals(
        "commit f8f7c4d9f57d567213fefe37cf35cf1a4cd62a6c (HEAD -> master, origin/master, origin/HEAD)\n"
            + "Author: ddlab course <course@ddlab.dev>\n"
            + "Date:   Mon Apr 24 19:36:15 2023 +0100\n\n"
            + "    Tests with mocha and supertest; CircleCI config\n",
        host.run("git log -1"));
  }

  @Test
  void status_is_clean_after_clone_and_lists_edits_deletions_and_untracked_files_relative_to_cwd() {
    host.run("git clone -q https://github.com/nigelpoulton/psweb.git");
    host.run("cd psweb");
    assertTrue(host.run("git status").endsWith("nothing to commit, working tree clean\n"));
    host.run("echo '// v2' >> app.js");
    host.run("rm circle.yml");
    host.run("echo x > notes.txt");
    host.run("cd views");
    assertEquals(
        "On branch master\n"
            + "Your branch is up to date with 'origin/master'.\n\n"
            + "Changes not staged for commit:\n"
            + "  (use \"git add/rm <file>...\" to update what will be committed)\n"
            + "  (use \"git restore <file>...\" to discard changes in working directory)\n"
            + "\tmodified:   ../app.js\n"
            + "\tdeleted:    ../circle.yml\n\n"
            + "Untracked files:\n"
            + "  (use \"git add <file>...\" to include in what will be committed)\n"
            + "\t../notes.txt\n\n"
            + "no changes added to commit (use \"git add\" and/or \"git commit -a\")\n",
        host.run("git status"));
    assertEquals(" M ../app.js\n D ../circle.yml\n?? ../notes.txt\n", host.run("git status -s"));
  }

  @Test
  void other_urls_fail_as_git_does_without_a_network_and_leave_nothing_behind() {
    TestHost.Result r = host.type("git clone https://github.com/someone/else.git");
    assertEquals(128, r.status());
    assertEquals(
        "Cloning into 'else'...\n"
            + "fatal: unable to access 'https://github.com/someone/else.git/': Could not resolve host: github.com\n",
        r.output());
    assertFalse(host.fs.exists("/home/ubuntu/else"));
  }

  @Test
  void clone_refuses_a_non_empty_destination_and_status_outside_a_repository_is_fatal() {
    host.run("git clone -q https://github.com/nigelpoulton/ddd-book.git");
    TestHost.Result again = host.type("git clone https://github.com/nigelpoulton/ddd-book.git");
    assertEquals(128, again.status());
    assertEquals(
        "fatal: destination path 'ddd-book' already exists and is not an empty directory.\n",
        again.output());
    TestHost.Result status = host.type("git status");
    assertEquals(128, status.status());
    assertEquals(
        "fatal: not a git repository (or any of the parent directories): .git\n", status.output());
  }

  @Test
  void ddd_book_holds_the_three_course_apps() {
    host.run("git clone -q https://github.com/nigelpoulton/ddd-book.git");
    assertEquals(
        "README.md\nmulti-container\nmulti-stage\nweb-app\n", host.run("ls ddd-book | cat"));
    assertTrue(host.fs.exists("/home/ubuntu/ddd-book/multi-stage/Dockerfile-final"));
    assertTrue(host.fs.exists("/home/ubuntu/ddd-book/multi-container/prod-equus-bass.yml"));
  }

  @Test
  void vi_and_nano_point_to_the_playground_editor_and_write_nothing() {
    TestHost.Result r = host.type("vi Dockerfile");
    assertEquals(1, r.status());
    assertTrue(r.output().contains("/home/ubuntu/Dockerfile"), r.output());
    assertTrue(r.output().contains("«Tệp»"), r.output());
    assertFalse(host.fs.exists("/home/ubuntu/Dockerfile"));
  }
}
