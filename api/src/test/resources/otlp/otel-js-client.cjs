// Sends known logs, metrics and spans to Vigil through the real OpenTelemetry JS exporters.
// usage: node otel-js-client.cjs <base-url> <json|proto> <tag>
// Prints {"traceId","rootSpanId","childSpanId"} on success; exits 1 when an export failed.
'use strict';
const [base, mode, tag] = process.argv.slice(2);
const api = require('@opentelemetry/api');
const { SeverityNumber } = require('@opentelemetry/api-logs');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { LoggerProvider, BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const pkg = mode === 'json' ? 'http' : 'proto';
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-' + pkg);
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-' + pkg);
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-' + pkg);

const failures = [];
const exported = { logs: 0, metrics: 0, traces: 0 };
function checked(exporter, what) {
  const inner = exporter.export.bind(exporter);
  exporter.export = (items, done) => inner(items, (result) => {
    if (result.code !== 0) failures.push(what + ': ' + (result.error && result.error.message));
    else exported[what] += what === 'metrics' ? 1 : items.length;
    done(result);
  });
  return exporter;
}

async function main() {
  const resource = resourceFromAttributes({ 'service.name': 'js-' + tag, 'host.name': 'node-1' });
  const options = (signal) => ({ url: base + '/v1/' + signal, compression: mode === 'json' ? 'gzip' : 'none' });
  const t0 = Date.UTC(2026, 10, 25, 10, 0, 0); // 2026-11-25T10:00:00Z

  const logs = new LoggerProvider({ resource,
    processors: [new BatchLogRecordProcessor({ exporter: checked(new OTLPLogExporter(options('logs')), 'logs') })] });
  const logger = logs.getLogger('js-scope', '0.1.0');
  logger.emit({ timestamp: t0 + 1, severityNumber: SeverityNumber.ERROR, severityText: 'ERROR',
    body: tag + ' card declined', attributes: { 'order.id': 'A-1', retries: 2 } });
  logger.emit({ timestamp: t0 + 2, severityNumber: SeverityNumber.INFO, body: tag + ' order shipped' });
  await logs.forceFlush();

  const reader = new PeriodicExportingMetricReader({
    exporter: checked(new OTLPMetricExporter(options('metrics')), 'metrics'), exportIntervalMillis: 3600000 });
  const meters = new MeterProvider({ resource, readers: [reader] });
  const meter = meters.getMeter('js-scope');
  meter.createCounter('orders.placed').add(3, { channel: 'web' });
  const h = meter.createHistogram('checkout.seconds', { advice: { explicitBucketBoundaries: [1, 5] } });
  [0.5, 2, 7].forEach((v) => h.record(v));
  await meters.forceFlush();

  const traces = new BasicTracerProvider({ resource,
    spanProcessors: [new BatchSpanProcessor(checked(new OTLPTraceExporter(options('traces')), 'traces'))] });
  const tracer = traces.getTracer('js-scope', '0.1.0');
  const root = tracer.startSpan('GET /orders', { kind: api.SpanKind.SERVER, startTime: t0 });
  const child = tracer.startSpan('redis GET', { kind: api.SpanKind.CLIENT, startTime: t0 + 10,
    attributes: { 'db.system': 'redis' } }, api.trace.setSpan(api.context.active(), root));
  child.setStatus({ code: api.SpanStatusCode.ERROR, message: 'timeout' });
  child.end(t0 + 30);
  root.end(t0 + 50);
  await traces.forceFlush();

  await Promise.all([logs.shutdown(), meters.shutdown(), traces.shutdown()]);
  if (exported.logs !== 2 || exported.traces !== 2 || exported.metrics < 1) {
    failures.push('exported ' + JSON.stringify(exported) + ', expected 2 logs, 2 spans and a metrics batch');
  }
  if (failures.length > 0) {
    console.error('export failed: ' + failures.join('; '));
    process.exit(1);
  }
  console.log(JSON.stringify({ traceId: root.spanContext().traceId, rootSpanId: root.spanContext().spanId,
    childSpanId: child.spanContext().spanId }));
}
main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
