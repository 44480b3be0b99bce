package dev.vigil.api.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error: redrawn in place on a terminal, printed as plain
 * lines every few seconds otherwise (so CI logs stay readable). Not thread-safe.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDraw;
    private long lastDrawnDone = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null;
    }

    void update(long done, long events) {
        long now = System.nanoTime();
        long every = terminal ? 100_000_000L : 3_000_000_000L;
        if (now - lastDraw < every) {
            return;
        }
        lastDraw = now;
        draw(done, events, false);
    }

    void finish(long done, long events) {
        if (terminal || done != lastDrawnDone) {
            draw(done, events, true);
        }
    }

    private void draw(long done, long events, boolean last) {
        lastDrawnDone = done;
        double fraction = Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        String line = String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s/%s %,d events %,.0f events/s",
                label, "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, size(done), size(total), events, events / seconds);
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
