/**
 * The playground server: a self-hosted "Play with Docker" (play-with-docker/play-with-docker's
 * {@code handlers} and {@code www}). Javalin routes, the start and "Hết chỗ" pages, the WebSocket
 * protocol. Leaves out PWD's DinD instances, its multi-host scheduler and OAuth login: sessions are
 * simulated in this JVM (or go through the real-engine bridge) and bound to a cookie.
 */
package dev.ddlab.web;
