/**
 * Images of the simulated node, split as moby splits them: {@link dev.ddlab.sim.image.SimImagesApi}
 * is the facade over {@link dev.ddlab.sim.image.ImageService} (GetImage, TagImage, events), the
 * {@link dev.ddlab.sim.image.ImageStore} and {@link dev.ddlab.sim.image.ReferenceStore} ({@code
 * image/}, {@code reference/}), and one class per operation: pull ({@code
 * distribution/pull_v2.go}), delete and prune, commit, save/load ({@code image/tarexport}),
 * list/inspect/history/search. Reference parsing follows distribution/reference. The registries
 * serve the catalogue, which is data ({@code catalogue.yaml}, {@code recipes.yaml}, {@code
 * trees.yaml} beside this package's classes) read and checked by {@link
 * dev.ddlab.sim.image.CatalogueLoader} and built by {@link dev.ddlab.sim.image.ImageBuild}; nothing
 * goes over the network. Left out: push, authentication, schema1 manifests, the containerd image
 * store. See docs/design/images.md.
 */
package dev.ddlab.sim.image;
