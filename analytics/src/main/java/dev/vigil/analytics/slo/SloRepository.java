package dev.vigil.analytics.slo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.vigil.analytics.config.DefinitionStore;

/**
 * Where SLO definitions live: those of the configuration file (read once, read-only through the
 * API) and those created through the API, kept in {@code slos.yaml} under the data directory and
 * rewritten atomically (temporary file, fsync, rename) on every change, so a crash leaves the old
 * or the new set, never a torn file. {@link #put} and {@link #delete} throw
 * {@link ReadOnlySloException} for an id of the configuration file.
 *
 * <p>Thread-safe: changes are serialised; readers get immutable snapshots.
 */
public final class SloRepository extends DefinitionStore<SloDefinition> {
    /** The file of API-created SLOs inside the directory given to {@link #open}. */
    public static final String API_FILE = "slos.yaml";

    private SloRepository(Path directory, Path sloFile) throws IOException {
        super(directory, API_FILE, sloFile, new SloKind());
    }

    /**
     * @param directory where API-created SLOs are kept (created if missing), or null to keep them in
     *                  memory only
     * @param sloFile   the YAML configuration file, or null for none
     * @throws SloValidationException if either file holds invalid definitions, or an id is in both
     */
    public static SloRepository open(Path directory, Path sloFile) throws IOException {
        return new SloRepository(directory, sloFile);
    }

    /** An SLO of the configuration file cannot be changed or deleted through the API. */
    public static final class ReadOnlySloException extends RuntimeException {
        public ReadOnlySloException(String id) {
            super("SLO '" + id + "' is defined in the SLO file; change it there");
        }
    }

    /** SLOs as the store keeps them: keyed by id, in {@link SloYaml}. Stateless. */
    private static final class SloKind implements DefinitionStore.Kind<SloDefinition> {
        @Override
        public String id(SloDefinition slo) {
            return slo.id();
        }

        @Override
        public List<SloDefinition> read(String text, String source, boolean fromApi) {
            return SloYaml.read(text, source, fromApi ? SloDefinition.ORIGIN_API : SloDefinition.ORIGIN_FILE);
        }

        @Override
        public String write(List<SloDefinition> slos) {
            return SloYaml.write(slos);
        }

        @Override
        public SloDefinition createdThroughApi(SloDefinition slo) {
            return slo.withOrigin(SloDefinition.ORIGIN_API);
        }

        @Override
        public RuntimeException definedTwice(Path apiFile, String id, Path configFile) {
            return new SloValidationException(apiFile.toString(), List.of(new SloValidationException.Problem("id", 0,
                    "'" + id + "' is also defined in " + configFile + "; rename one of them")));
        }

        @Override
        public RuntimeException readOnly(String id) {
            return new ReadOnlySloException(id);
        }

        @Override
        public String plural() {
            return "SLOs";
        }
    }
}
