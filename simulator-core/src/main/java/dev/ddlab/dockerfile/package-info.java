/**
 * The Dockerfile language, as BuildKit's frontend reads it ({@code frontend/dockerfile/parser},
 * {@code instructions}, {@code shell}) and the docker CLI's {@code .dockerignore}: parser
 * directives, comments, line continuations, the typed instructions and their stages, variable
 * substitution, and Docker's own error texts with line numbers. A neutral model: the simulated
 * builder ({@code sim.build}) runs what it parses, the CLI reads {@code .dockerignore} with it.
 * Depends on {@code dev.ddlab.go} and the JDK only.
 */
package dev.ddlab.dockerfile;
