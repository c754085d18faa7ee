/**
 * Behaviour of the Go libraries that both dockerd and the docker CLI use, where ddlab must print
 * the same characters on either side: {@code time} formats, durations and moby's timestamps ({@link
 * dev.ddlab.go.GoTime}), docker/go-units ({@link dev.ddlab.go.GoUnits}) and {@code path.Match}
 * ({@link dev.ddlab.go.GoPath}). Depends on nothing but the JDK.
 */
package dev.ddlab.go;
