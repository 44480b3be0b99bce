package dev.vigil.ingest.promrw;

import java.util.List;

import dev.vigil.ingest.model.MetricSample;

/**
 * A decoded {@code WriteRequest}: the valid samples, and what was refused. The remote-write spec
 * lets a receiver store the valid series of a request and still answer 400 for the invalid ones.
 *
 * @param samples         every valid sample, in request order
 * @param series          time series in the request
 * @param invalidSeries   series refused whole (bad labels); none of their samples are in {@link #samples}
 * @param rejectedSamples samples not stored: those of invalid series plus individually invalid samples
 * @param errors          the first {@link #MAX_ERRORS} problems, each naming the series and what is wrong
 * @param errorCount      problems in all, at least {@code errors.size()}
 */
public record RemoteWriteBatch(List<MetricSample> samples, int series, int invalidSeries, long rejectedSamples,
                               List<String> errors, int errorCount) {
    /** At most this many error messages are kept. */
    public static final int MAX_ERRORS = 20;

    public RemoteWriteBatch {
        // Not copied: the decoder hands over a list nobody else holds, and batches can be large.
        samples = java.util.Collections.unmodifiableList(samples);
        errors = List.copyOf(errors);
    }

    /** True when nothing in the request was refused. */
    public boolean ok() {
        return errorCount == 0;
    }
}
