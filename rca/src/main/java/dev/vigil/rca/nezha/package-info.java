/**
 * The Nezha root-cause benchmark (FSE 2023, TrainTicket with injected faults): reads a directory
 * of that layout, loads each fault's logs, spans and metrics into a fresh Vigil pipeline, asks
 * the root-cause analysis about the window after the injection and scores the ranking (AS@k).
 * {@link dev.vigil.rca.nezha.NezhaBenchmark} is the entry point; the layout and its time quirks
 * are described in {@link dev.vigil.rca.nezha.NezhaLayout}.
 */
package dev.vigil.rca.nezha;
