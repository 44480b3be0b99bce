/**
 * Sends what the alert engine decides: notification targets (generic webhook, Alertmanager v2,
 * Slack-compatible webhook, SMTP email), retries with exponential backoff and jitter, and the
 * scheduler that evaluates the rules on a worker thread every interval.
 */
package dev.vigil.api.notify;
