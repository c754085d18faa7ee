/**
 * Browser terminals: a JLine line-discipline terminal per node fed by the WebSocket (PWD's {@code
 * terminal} over xterm.js), with a server-side scrollback replayed on reconnect and an output
 * budget per session.
 */
package dev.ddlab.web.term;
