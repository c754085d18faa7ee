package dev.ddlab.go;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoJsonIndentTest {
  @Test
  void indents_as_go_json_indent_keeping_order_strings_and_empty_brackets() {
    String compact = "{\"b\":1,\"a\":[{\"x\":\"q\\\"{,:}\"},[]],\"e\":{},\"n\":null}";
    assertEquals(
        "{\n  \"b\": 1,\n  \"a\": [\n    {\n      \"x\": \"q\\\"{,:}\"\n    },\n    []\n  ],\n"
            + "  \"e\": {},\n  \"n\": null\n}",
        GoJsonIndent.indent(compact, "  "));
  }

  @Test
  void reindents_indented_text_with_another_unit() {
    assertEquals(
        "{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t]\n}",
        GoJsonIndent.indent("{\n   \"a\": [ 1, 2 ]\n}\n", "\t"));
  }
}
