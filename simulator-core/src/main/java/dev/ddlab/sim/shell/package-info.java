/**
 * The shells of a simulated node: one small, honest POSIX shell language ({@link
 * dev.ddlab.sim.shell.Parser}, {@link dev.ddlab.sim.shell.Interpreter}) serving the host's bash and
 * the containers' shells (busybox ash, bash, dash), plus the command-line tools learners use
 * ({@link dev.ddlab.sim.shell.Tools}: GNU coreutils or busybox wording).
 *
 * <p>Mirrors no single upstream package; behaviour follows GNU bash 5, busybox 1.36 ash and
 * coreutils 9. Left out: here-documents, job control beyond {@code &} and {@code jobs}, aliases and
 * locales.
 */
package dev.ddlab.sim.shell;
