/**
 * The system implementation plan: a Markdown file that Vigil keeps current from what it sees
 * (components and their health, versions, migrations, open issues, inventory, change log).
 * {@link dev.vigil.reports.plan.PlanUpdater} is the entry point; {@link dev.vigil.reports.plan.PlanDocument}
 * merges the sections Vigil writes into a file people also edit, keeping their text byte for byte.
 */
package dev.vigil.reports.plan;
