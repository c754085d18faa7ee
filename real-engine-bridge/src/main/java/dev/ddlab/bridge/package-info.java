/**
 * The real-engine bridge: {@code real} (the Engine seam over a real daemon), {@code api} (any
 * Engine served as the Docker Engine API), {@code guard} (a shared daemon made safe per session),
 * {@code dockerd} (ddlab's private daemon), {@code diff} and {@code bench} (simulator vs real), and
 * the launcher subcommands in {@code cmd}. Design notes: docs/design/real-engine-bridge.md.
 */
package dev.ddlab.bridge;
