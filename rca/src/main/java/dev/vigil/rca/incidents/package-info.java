/**
 * Incidents: a window of trouble, opened by a person ({@code POST /api/v1/incidents}) or by an
 * alert, with the root-cause analysis run when it was opened and a timeline (window, signal
 * onsets, changes, anomalies, analyses, status changes), kept one JSON file per incident in the
 * data directory. {@link dev.vigil.rca.incidents.IncidentService} is the entry point;
 * {@link dev.vigil.rca.incidents.IncidentStore} owns the files.
 */
package dev.vigil.rca.incidents;
