package dev.vigil.rca.nezha;

/**
 * One injected fault as the fault list states it.
 *
 * @param injectTime      wall-clock time of the injection, {@code yyyy-MM-dd HH:mm:ss}, in the clock
 *                        of the data files' minute labels (see {@link NezhaLayout})
 * @param injectTimestamp the list's epoch seconds; not trusted (it disagrees with the data)
 * @param pod             the pod the fault was injected into
 * @param type            return, exception, cpu_contention, network_delay, ...
 */
public record NezhaFault(String injectTime, long injectTimestamp, String pod, String type) {

    /** The service: the pod name without its last two dash-separated parts (replica set hash, pod suffix). */
    public String service() {
        return NezhaLayout.serviceOf(pod);
    }
}
