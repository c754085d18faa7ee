package dev.ddlab.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static Map<String, Object> container() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Status", "running");
    state.put("Running", true);
    state.put("ExitCode", 0L);
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("zeta", "z");
    labels.put("alpha", "a");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("Cmd", List.of("sleep", "1d"));
    config.put("Labels", labels);
    config.put("Env", Nil.SLICE);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("Name", "/percy");
    root.put("RestartCount", 2L);
    root.put("State", state);
    root.put("Config", config);
    return root;
  }

  private static String run(String text, Object data) {
    return Template.parse(text).execute(data);
  }

  @Test
  void fields_and_nested_fields_print_their_values() {
    assertEquals(
        "running 2 /percy", run("{{.State.Status}} {{.RestartCount}} {{.Name}}", container()));
  }

  @Test
  void slices_and_maps_print_like_go_fmt() {
    assertEquals(
        "[sleep 1d] map[alpha:a zeta:z] []",
        run("{{.Config.Cmd}} {{.Config.Labels}} {{.Config.Env}}", container()));
  }

  @Test
  void json_function_marshals_compactly_with_sorted_map_keys() {
    assertEquals("{\"alpha\":\"a\",\"zeta\":\"z\"}", run("{{json .Config.Labels}}", container()));
    assertEquals("[\"sleep\",\"1d\"]", run("{{json .Config.Cmd}}", container()));
    assertEquals("\"<x>\"", run("{{json .}}", "<x>"));
  }

  @Test
  void range_if_else_and_variables_work() {
    assertEquals(
        "alpha=a,zeta=z,",
        run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}", container()));
    assertEquals("up", run("{{if .State.Running}}up{{else}}down{{end}}", container()));
    assertEquals(
        "two",
        run(
            "{{if eq .RestartCount 1}}one{{else if eq .RestartCount 2}}two{{else}}many{{end}}",
            container()));
    assertEquals("/percy", run("{{$n := .Name}}{{with .State}}{{$n}}{{end}}", container()));
    assertEquals("none", run("{{range .Config.Env}}x{{else}}none{{end}}", container()));
    assertEquals("running", run("{{with $.State}}{{.Status}}{{end}}", container()));
  }

  @Test
  void functions_and_pipes() {
    assertEquals("SLEEP 1D", run("{{join .Config.Cmd \" \" | upper}}", container()));
    assertEquals("a", run("{{index .Config.Labels \"alpha\"}}", container()));
    assertEquals("", run("{{index .Config.Labels \"nope\"}}", container()));
    assertEquals("1d", run("{{index .Config.Cmd 1}}", container()));
    assertEquals("2", run("{{len .Config.Cmd}}", container()));
    assertEquals("Hello World", run("{{title \"hello world\"}}", null));
    assertEquals("[a b]", run("{{split \"a:b\" \":\"}}", null));
    assertEquals("running  |", run("{{printf \"%-9s|\" .State.Status}}", container()));
    assertEquals("x 5\n", run("{{println \"x\" 5}}", null));
    assertEquals("true false true", run("{{and 1 true}} {{or 0 false}} {{not 0}}", null));
    assertEquals("true", run("{{ne .State.Status \"exited\"}}", container()));
    assertEquals("abc", run("{{- \"abc\" -}}  ", null));
    assertEquals("a b", run("a {{/* comment */}}b", null));
    assertEquals("ab", run("a  {{- /* c */ -}}  b", null));
  }

  @Test
  void unclosed_action_is_a_parse_error_with_gos_text() {
    TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("{{.Name"));
    assertEquals("template: :1: unclosed action", e.getMessage());
    e = assertThrows(TemplateException.class, () -> Template.parse("{{nosuch .}}"));
    assertEquals("template: :1: function \"nosuch\" not defined", e.getMessage());
    e = assertThrows(TemplateException.class, () -> Template.parse("{{if .X}}"));
    assertEquals("template: :1: unexpected EOF", e.getMessage());
    e = assertThrows(TemplateException.class, () -> Template.parse("{{end}}"));
    assertEquals("template: :1: unexpected {{end}}", e.getMessage());
  }

  @Test
  void missing_key_with_missingkey_error_reports_map_has_no_entry() {
    Template t = Template.parse("{{.Nope}}").missingKeyError();
    TemplateException e = assertThrows(TemplateException.class, () -> t.execute(container()));
    assertEquals(
        "template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"",
        e.getMessage());
    assertEquals("<no value>", run("{{.Nope}}", container()));
  }

  @Test
  void an_error_in_a_field_chain_is_reported_at_the_first_chained_field_as_go_does() {
    // checked on the private dockerd: {{.Config.Foo}} is :1:9, {{ .Config.Foo }} is :1:10
    Template t = Template.parse("{{.Config.Foo}}").missingKeyError();
    TemplateException e = assertThrows(TemplateException.class, () -> t.execute(container()));
    assertEquals(
        "template: :1:9: executing \"\" at <.Config.Foo>: map has no entry for key \"Foo\"",
        e.getMessage());
    Template spaced = Template.parse("{{ .Config.Foo }}").missingKeyError();
    e = assertThrows(TemplateException.class, () -> spaced.execute(container()));
    assertEquals(
        "template: :1:10: executing \"\" at <.Config.Foo>: map has no entry for key \"Foo\"",
        e.getMessage());
    Template variable = Template.parse("{{$c := .Config}}{{$c.Foo}}").missingKeyError();
    e = assertThrows(TemplateException.class, () -> variable.execute(container()));
    assertEquals(
        "template: :1:21: executing \"\" at <$c.Foo>: map has no entry for key \"Foo\"",
        e.getMessage());
  }

  @Test
  void struct_without_field_reports_cant_evaluate_field() {
    GoObject ctx = new GoObject("*formatter.ContainerContext").field("ID", "abc");
    TemplateException e = assertThrows(TemplateException.class, () -> run("{{.ID}} {{.Foo}}", ctx));
    assertEquals(
        "template: :1:10: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext",
        e.getMessage());
  }

  @Test
  void methods_take_arguments() {
    GoObject ctx =
        new GoObject("*formatter.ContainerContext").method("Label", 1, args -> "v-" + args.get(0));
    assertEquals("v-x", run("{{.Label \"x\"}}", ctx));
  }

  @Test
  void structs_print_in_braces() {
    GoObject policy =
        new GoObject("container.RestartPolicy")
            .field("Name", "always")
            .field("MaximumRetryCount", 0L);
    assertEquals("{always 0}", run("{{.}}", policy));
    assertEquals("{\"Name\":\"always\",\"MaximumRetryCount\":0}", run("{{json .}}", policy));
  }

  @Test
  void marshal_indent_matches_go() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of());
    m.put("a", Map.of());
    m.put("c", List.of(1L, "x"));
    m.put("d", null);
    assertEquals(
        "{\n    \"a\": {},\n    \"b\": [],\n    \"c\": [\n        1,\n        \"x\"\n    ],\n    \"d\": null\n}",
        GoJson.marshalIndent(m));
  }
}
