/**
 * Output formats of the docker CLI: the Format/Context machinery with {@code table} and {@code
 * json} formats, the row contexts of {@code ps} and {@code images}, the elastic tabwriter,
 * docker/go-units sizes and durations, and Engine DTOs as template data. Mirrors docker/cli {@code
 * cli/command/formatter} (and its {@code tabwriter}), {@code github.com/docker/go-units} and the
 * display parts of {@code distribution/reference}. Left out: the raw/pretty formats of swarm
 * objects, build cache rows.
 */
package dev.ddlab.cli.formatter;
