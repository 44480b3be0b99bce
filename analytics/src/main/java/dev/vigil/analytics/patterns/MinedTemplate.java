package dev.vigil.analytics.patterns;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One template as the miner keeps it: its words (constants, {@code <*>} or partly {@code <*>})
 * and, once merged into another, the template it now resolves to.
 *
 * <p>Written only under the lock of its service's {@link ServiceTemplates}; the fields readers use
 * without that lock ({@link #words}, {@link #text}, {@link #mergedInto}) are volatile and replaced
 * whole, so a reader sees a template before or after a merge, never half of one.
 */
final class MinedTemplate {
    final String id;
    final String service;
    final long sequence;
    /** Ids merged into this one, directly or through others (not including its own). */
    final List<String> mergedIds = new CopyOnWriteArrayList<>();
    private volatile String[] words;
    private volatile String text;
    private volatile MinedTemplate mergedInto;
    /** Per word: 0 constant, 1 whole variable, 2 partly variable. Same lock as {@link #words}. */
    private byte[] kinds;
    /** How many {@code <*>} the shown text has. */
    private volatile int parameters;

    MinedTemplate(String id, String service, long sequence, String[] words) {
        this.id = id;
        this.service = service;
        this.sequence = sequence;
        setWords(words);
    }

    String[] words() {
        return words;
    }

    byte[] kinds() {
        return kinds;
    }

    String text() {
        return text;
    }

    MinedTemplate mergedInto() {
        return mergedInto;
    }

    void setWords(String[] newWords) {
        byte[] newKinds = new byte[newWords.length];
        String[] shown = new String[newWords.length];
        int count = 0;
        for (int i = 0; i < newWords.length; i++) {
            String w = newWords[i];
            newKinds[i] = (byte) (WordPatterns.isVariable(w) ? 1 : w.contains(MessageShape.VARIABLE) ? 2 : 0);
            shown[i] = WordPatterns.display(w);
            count += WordPatterns.variables(shown[i]);
        }
        this.kinds = newKinds;
        this.parameters = count;
        this.text = String.join(" ", shown);
        this.words = newWords;
    }

    void mergeInto(MinedTemplate target) {
        this.mergedInto = target;
        this.words = null;
        this.kinds = null;
    }

    /** The live template this one resolves to (itself while not merged). */
    MinedTemplate live() {
        MinedTemplate t = this;
        MinedTemplate next;
        while ((next = t.mergedInto) != null) {
            t = next;
        }
        return t;
    }

    boolean isLive() {
        return mergedInto == null;
    }

    int parameterCount() {
        return live().parameters;
    }

    /** Whether a message of this shape fits: same number of words, each fitting. Caller holds the service lock. */
    boolean fits(String[] shapes) {
        String[] w = words;
        if (w.length != shapes.length) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            if (!fitsWord(i, shapes[i])) {
                return false;
            }
        }
        return true;
    }

    boolean fitsWord(int i, String shape) {
        switch (kinds[i]) {
            case 1:
                return true;
            case 0:
                return words[i].equals(shape);
            default:
                return WordPatterns.matches(words[i], shape);
        }
    }

    LogTemplate toLogTemplate() {
        MinedTemplate t = live();
        return new LogTemplate(t.id, t.text(), t.parameterCount());
    }
}
