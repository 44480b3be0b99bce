package dev.vigil.analytics.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloRepositoryTest {
    @TempDir
    Path dir;

    static SloDefinition slo(String id, double target) {
        return new SloDefinition(id, id, "svc", null, new Indicator.Availability(), target, Duration.ofDays(30),
                BurnRatePolicy.standard(), SloDefinition.ORIGIN_API);
    }

    @Test
    void apiSlosSurviveAReopenAndFileSlosAreReadOnly() throws Exception {
        Path file = dir.resolve("slos-config.yaml");
        Files.writeString(file, "slos:\n  - {id: from-file, name: F, service: f, indicator: {type: availability}, target: 99}\n");
        Path store = dir.resolve("data/slos");
        SloRepository repository = SloRepository.open(store, file);
        assertTrue(repository.put(slo("a", 99.9)));
        assertTrue(repository.put(slo("b", 99.0)));
        assertFalse(repository.put(slo("b", 95.0)));
        assertTrue(repository.delete("a"));
        assertFalse(repository.delete("a"));
        assertThrows(SloRepository.ReadOnlySloException.class, () -> repository.put(slo("from-file", 90)));
        assertThrows(SloRepository.ReadOnlySloException.class, () -> repository.delete("from-file"));
        assertFalse(Files.exists(store.resolve(SloRepository.API_FILE + ".tmp")));

        SloRepository reopened = SloRepository.open(store, file);
        assertEquals(List.of("b", "from-file"), reopened.all().stream().map(SloDefinition::id).toList());
        assertEquals(95.0, reopened.get("b").orElseThrow().target());
        assertEquals(SloDefinition.ORIGIN_FILE, reopened.get("from-file").orElseThrow().origin());
        assertEquals(SloDefinition.ORIGIN_API, reopened.get("b").orElseThrow().origin());
    }

    @Test
    void anApiSloMayNotShadowAFileSlo() throws Exception {
        Path store = dir.resolve("slos");
        SloRepository.open(store, null).put(slo("x", 99));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "- {id: x, name: X, service: f, indicator: {type: availability}, target: 99}\n");
        SloValidationException e = assertThrows(SloValidationException.class, () -> SloRepository.open(store, file));
        assertTrue(e.getMessage().contains("'x' is also defined in"), e.getMessage());
    }
}
