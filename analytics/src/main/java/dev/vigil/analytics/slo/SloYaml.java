package dev.vigil.analytics.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads SLO definitions from YAML (every problem names its field and line) and writes them back.
 * Stateless and thread-safe.
 */
public final class SloYaml {
    private SloYaml() {
    }

    /**
     * @param source names the text in error messages (a file path)
     * @throws SloValidationException for YAML syntax errors and invalid definitions
     */
    public static List<SloDefinition> read(String text, String source, String origin) {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text);
        } catch (YamlTree.SyntaxException e) {
            throw new SloValidationException(source, List.of(new SloValidationException.Problem(e.path(), e.line(), e.problem())));
        }
        return SloSpecParser.parseDocument(tree.root(), tree::line, source, origin);
    }

    /** The YAML {@link #read} reads back to the same definitions, under a {@code slos} key. */
    public static String write(List<SloDefinition> slos) {
        List<Object> list = new ArrayList<>();
        for (SloDefinition slo : slos) {
            list.add(SloSpecParser.toTree(slo));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("slos", list);
        return new Yaml(options).dump(root);
    }
}
