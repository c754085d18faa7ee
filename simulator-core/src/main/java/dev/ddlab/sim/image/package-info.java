/**
 * Images of the simulated node. Mirrors distribution/reference (reference parsing and
 * normalisation), moby's {@code daemon/images} and {@code image} (local store, tags, delete rules,
 * prune, history), {@code distribution} (pull from a registry, manifest lists, platform choice) and
 * {@code image/tarexport} (docker save/load). The registry is an in-memory catalogue of the images
 * the course uses; nothing goes over the network. Left out: push, authentication, schema1
 * manifests, the containerd image store.
 */
package dev.ddlab.sim.image;
