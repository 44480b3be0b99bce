package dev.vigil.rca.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields out of a parsed JSON or YAML object, every error naming the field's path.
 * Tracks which fields were read so {@link #rejectUnknown} can name a misspelt one. Not thread-safe.
 */
public final class SpecReader {
    private final Map<String, Object> spec;
    private final String path;
    private final Set<String> read = new TreeSet<>();

    public SpecReader(Object spec, String path) {
        if (!(spec instanceof Map<?, ?> map)) {
            throw new RuleValidationException(path.isEmpty() ? "body" : path, "must be an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        this.spec = copy;
        this.path = path;
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        read.add(name);
        return spec.get(name) != null;
    }

    public String string(String name, String fallback) {
        read.add(name);
        Object value = spec.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw new RuleValidationException(field(name), "must be a string");
        }
        return String.valueOf(value).trim();
    }

    public String required(String name) {
        String value = string(name, null);
        if (value == null || value.isEmpty()) {
            throw new RuleValidationException(field(name), "is required");
        }
        return value;
    }

    public double number(String name, double fallback) {
        read.add(name);
        Object value = spec.get(name);
        if (value == null) {
            return fallback;
        }
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new RuleValidationException(field(name), "'" + value + "' is not a number");
            }
        }
        if (!Double.isFinite(d)) {
            throw new RuleValidationException(field(name), "must be a finite number");
        }
        return d;
    }

    public double requiredNumber(String name) {
        if (!has(name)) {
            throw new RuleValidationException(field(name), "is required");
        }
        return number(name, Double.NaN);
    }

    public int integer(String name, int fallback, int min, int max) {
        double d = number(name, fallback);
        if (d != Math.rint(d) || d < min || d > max) {
            throw new RuleValidationException(field(name), "must be a whole number between " + min + " and " + max);
        }
        return (int) d;
    }

    public boolean bool(String name, boolean fallback) {
        read.add(name);
        Object value = spec.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new RuleValidationException(field(name), "must be true or false");
        };
    }

    public Duration duration(String name, Duration fallback) {
        String text = string(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuleValidationException(field(name), e.getMessage());
        }
    }

    public Map<String, String> stringMap(String name) {
        read.add(name);
        Object value = spec.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new RuleValidationException(field(name), "must be an object of string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
                throw new RuleValidationException(field(name) + "." + e.getKey(), "must be a string");
            }
            out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return out;
    }

    public List<String> stringList(String name, List<String> fallback) {
        read.add(name);
        Object value = spec.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list)) {
            throw new RuleValidationException(field(name), "must be a list of strings");
        }
        return list.stream().map(String::valueOf).toList();
    }

    public Object raw(String name) {
        read.add(name);
        return spec.get(name);
    }

    /** @throws RuleValidationException naming the first field no reader asked for */
    public void rejectUnknown(String known) {
        for (String key : spec.keySet()) {
            if (!read.contains(key)) {
                throw new RuleValidationException(field(key), "unknown field; known here: " + known);
            }
        }
    }
}
