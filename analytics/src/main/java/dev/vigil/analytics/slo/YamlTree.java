package dev.vigil.analytics.slo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as plain maps, lists, strings and doubles, with the line of every field, so
 * that a configuration reader can say where a problem is. Paths are written
 * {@code slos[0].indicator.type}. Immutable once parsed.
 */
public final class YamlTree {
    private final Object root;
    private final Map<String, Integer> lines;

    private YamlTree(Object root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** @throws SyntaxException for invalid YAML and duplicate keys, with the line */
    public static YamlTree parse(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            // A fresh SnakeYAML instance per call: they are not thread-safe.
            Node node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            return new YamlTree(node == null ? null : plain(node, "", lines), Map.copyOf(lines));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new SyntaxException("(yaml)", line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new SyntaxException("(yaml)", 0, "not valid YAML: " + e.getMessage());
        }
    }

    /** Maps, lists, strings, doubles (for YAML numbers) and nulls. */
    public Object root() {
        return root;
    }

    /** The 1-based line of the path, or of its nearest ancestor that has one (a missing field: its map); 0 if none. */
    public int line(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return 0;
            }
            p = p.substring(0, cut);
        }
    }

    private static Object plain(Node node, String path, Map<String, Integer> lines) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                String child = path.isEmpty() ? key : path + "." + key;
                int line = tuple.getKeyNode().getStartMark().getLine() + 1;
                if (map.containsKey(key)) {
                    throw new SyntaxException(child, line, "duplicate key");
                }
                // A field's line is where its key is: that is where the user looks.
                lines.put(child, line);
                map.put(key, plain(tuple.getValueNode(), child, lines));
            }
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                list.add(plain(sequence.getValue().get(i), path + "[" + i + "]", lines));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (scalar.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                return scalar.getValue();
            }
        }
        return scalar.getValue();
    }

    /** Text that is not YAML, or a map with a key twice. */
    public static final class SyntaxException extends IllegalArgumentException {
        private final String path;
        private final int line;

        public SyntaxException(String path, int line, String message) {
            super(path + (line > 0 ? " (line " + line + ")" : "") + ": " + message);
            this.path = path;
            this.line = line;
        }

        public String path() {
            return path;
        }

        public int line() {
            return line;
        }

        /** The message without the path and line. */
        public String problem() {
            String message = getMessage();
            return message.substring(message.indexOf(": ") + 2);
        }
    }
}
