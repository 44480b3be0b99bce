/** GELF 1.1 receivers: HTTP {@code POST /gelf}, TCP (NUL-framed) and UDP (compressed, chunked). See docs/receivers/gelf.md. */
package dev.vigil.api.receivers.gelf;
