/**
 * GELF 1.1 (Graylog Extended Log Format): decoding of one message into a {@code LogEvent}, payload
 * decompression (gzip, zlib) and UDP chunk reassembly. No I/O; the receivers live in the api module.
 */
package dev.vigil.ingest.gelf;
