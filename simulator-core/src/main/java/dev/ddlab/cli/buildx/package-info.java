/**
 * Docker Buildx as a client plugin ({@code docker buildx}): builders kept client-side in {@code
 * ~/.docker/buildx}, builds through the Engine's build sub-API.
 */
package dev.ddlab.cli.buildx;
