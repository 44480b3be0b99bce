/**
 * Robust anomaly scoring of any series against its own baseline: the median and the median
 * absolute deviation (MAD) stand in for mean and standard deviation, so a spike in the baseline
 * does not hide the next one.
 */
package dev.vigil.analytics.anomaly;
