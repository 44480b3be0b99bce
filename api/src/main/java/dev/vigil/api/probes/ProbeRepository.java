package dev.vigil.api.probes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.analytics.config.DefinitionStore;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where probe definitions live: those of the probe file (read-only through the API) and those
 * created through the API, kept in {@code probes.yaml} under the data directory and rewritten
 * atomically (temporary file, fsync, rename) on every change. {@link #put} and {@link #delete}
 * throw {@link IllegalStateException} for a name of the probe file.
 *
 * <p>Thread-safe: changes are serialised; readers get immutable snapshots.
 */
public final class ProbeRepository extends DefinitionStore<ProbeDefinition> {
    public static final String API_FILE = "probes.yaml";

    private ProbeRepository(Path directory, Path probeFile) throws IOException {
        super(directory, API_FILE, probeFile, new ProbeKind());
    }

    /**
     * @param directory where API-created probes are kept (created if missing), or null for memory only
     * @param probeFile the YAML probe file, or null
     * @throws ProbeSpecException if a file holds invalid probes or a name is in both
     */
    public static ProbeRepository open(Path directory, Path probeFile) throws IOException {
        return new ProbeRepository(directory, probeFile);
    }

    /** Probes as the store keeps them: keyed by name, as YAML under {@code probes:}. Stateless. */
    private static final class ProbeKind implements DefinitionStore.Kind<ProbeDefinition> {
        @Override
        public String id(ProbeDefinition probe) {
            return probe.name();
        }

        @Override
        public List<ProbeDefinition> read(String text, String source, boolean fromApi) {
            return ProbeSpecParser.readYaml(text, source, fromApi ? ProbeDefinition.ORIGIN_API : ProbeDefinition.ORIGIN_FILE);
        }

        @Override
        public String write(List<ProbeDefinition> probes) {
            List<Object> list = new ArrayList<>();
            for (ProbeDefinition probe : probes) {
                list.add(ProbeSpecParser.toTree(probe));
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("probes", list);
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return new Yaml(options).dump(root);
        }

        @Override
        public ProbeDefinition createdThroughApi(ProbeDefinition probe) {
            return probe.withOrigin(ProbeDefinition.ORIGIN_API);
        }

        @Override
        public RuntimeException definedTwice(Path apiFile, String name, Path probeFile) {
            return new ProbeSpecException(apiFile.toString(), List.of("name: '" + name + "' is also defined in "
                    + probeFile + "; rename one of them"));
        }

        @Override
        public RuntimeException readOnly(String name) {
            return new IllegalStateException("probe '" + name + "' is defined in the probe file; change it there");
        }

        @Override
        public String plural() {
            return "probes";
        }
    }
}
