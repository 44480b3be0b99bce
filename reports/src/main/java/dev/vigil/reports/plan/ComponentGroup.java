package dev.vigil.reports.plan;

/** The groups an infrastructure engineer sorts components into, in the order the plan shows them. */
public enum ComponentGroup {
    API_SERVICES("api-services", "API services"),
    DATA_STORES("data-stores", "Data stores"),
    DEPLOYMENT("deployment", "Deployment and DevOps"),
    MONITORING("monitoring", "Monitoring and observability"),
    SECURITY("security", "Security");

    private final String id;
    private final String title;

    ComponentGroup(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The fenced section's id, e.g. {@code api-services}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
