package dev.vigil.rca.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file JSON documents written to a temporary file and renamed, so a crash leaves the old or the new one. */
final class FileStore {
    private FileStore() {
    }

    static Object read(Path file) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try {
            return JsonMaps.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    static void write(Path file, Object document) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, JsonMaps.write(document), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
