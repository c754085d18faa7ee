/**
 * Behaviour of the Go libraries that both dockerd and the docker CLI use, where ddlab must print
 * the same characters on either side: {@code time} formats ({@link dev.ddlab.go.GoTime}) and
 * docker/go-units ({@link dev.ddlab.go.GoUnits}). Depends on nothing but the JDK.
 */
package dev.ddlab.go;
