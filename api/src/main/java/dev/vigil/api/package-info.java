/**
 * The HTTP API and the {@code vigil} command line. This module only wires: {@link dev.vigil.api.VigilNode}
 * opens the pipeline, the analysers and the HTTP server in order and closes them in reverse.
 */
package dev.vigil.api;
