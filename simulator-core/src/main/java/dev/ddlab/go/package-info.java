/**
 * Behaviour of the Go libraries that both dockerd and the docker CLI use, where ddlab must print
 * the same characters on either side: {@code time} formats, durations and moby's timestamps ({@link
 * dev.ddlab.go.GoTime}), docker/go-units ({@link dev.ddlab.go.GoUnits}), {@code path.Match} ({@link
 * dev.ddlab.go.GoPath}), {@code regexp.MatchString} as moby's filters use it ({@link
 * dev.ddlab.go.GoRegexp}) and moby's namesgenerator ({@link dev.ddlab.go.GoNames}). Depends on
 * nothing but the JDK.
 */
package dev.ddlab.go;
