/**
 * A Go text/template engine (lexer, parser, evaluator) with Go's error texts, and docker/cli's
 * {@code templates} package functions (json, split, join, title, lower, upper, pad, truncate and
 * the table-header variants). Mirrors Go's {@code text/template} and {@code text/template/parse}
 * plus docker/cli {@code templates/}. Left out: {@code define}, {@code template}, {@code block},
 * {@code call}, and comparisons between differently sized integer kinds.
 */
package dev.ddlab.cli.template;
