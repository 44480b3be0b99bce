package dev.vigil.analytics.patterns.loghub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Loghub directory layout: one directory per system {@code S/} holding {@code S_2k.log} (raw
 * lines), {@code S_2k.log_structured.csv} (ground truth as published) and optionally
 * {@code S_2k.log_structured_corrected.csv}. The header format of a system (only used to cut the
 * header off each line, never to configure the miner) comes from {@code log_format.txt} in its
 * directory when present, else from the formats the Loghub benchmark publishes for its systems.
 */
public final class LoghubLayout {
    /** File in a system directory that states its header format; overrides the published table. */
    public static final String FORMAT_FILE = "log_format.txt";

    /** The header formats the Loghub benchmark publishes for its systems. */
    static final Map<String, String> PUBLISHED_FORMATS = Map.ofEntries(
            Map.entry("HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>"),
            Map.entry("Hadoop", "<Date> <Time> <Level> [<Process>] <Component>: <Content>"),
            Map.entry("Spark", "<Date> <Time> <Level> <Component>: <Content>"),
            Map.entry("Zookeeper", "<Date> <Time> - <Level>  [<Node>:<Component>@<Id>] - <Content>"),
            Map.entry("BGL", "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>"),
            Map.entry("HPC", "<LogId> <Node> <Component> <State> <Time> <Flag> <Content>"),
            Map.entry("Thunderbird", "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>([<PID>])?: <Content>"),
            Map.entry("Windows", "<Date> <Time>, <Level>                  <Component>    <Content>"),
            Map.entry("Linux", "<Month> <Date> <Time> <Level> <Component>([<PID>])?: <Content>"),
            Map.entry("Android", "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>"),
            Map.entry("HealthApp", "<Time>|<Component>|<Pid>|<Content>"),
            Map.entry("Apache", "[<Time>] [<Level>] <Content>"),
            Map.entry("Proxifier", "[<Time>] <Program> - <Content>"),
            Map.entry("OpenSSH", "<Date> <Day> <Time> <Component> sshd[<Pid>]: <Content>"),
            Map.entry("OpenStack", "<Logrecord> <Date> <Time> <Pid> <Level> <Component> [<ADDR>] <Content>"),
            Map.entry("Mac", "<Month>  <Date> <Time> <User> <Component>[<PID>]( (<Address>))?: <Content>"));

    private LoghubLayout() {
    }

    /** One system of a Loghub directory. */
    public record SystemFiles(String name, Path log, Path truth, Optional<Path> correctedTruth, Optional<String> format) {
        /** The base name outputs are named after, e.g. {@code HDFS_2k.log}. */
        public String logName() {
            return log.getFileName().toString();
        }
    }

    /**
     * The systems under {@code dir}, by directory name. A directory counts when it holds a
     * {@code X.log} next to {@code X.log_structured.csv}.
     *
     * @throws IOException when {@code dir} is not a readable directory
     */
    public static List<SystemFiles> systems(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory: point --data at a Loghub-layout directory (one sub-directory per system)");
        }
        List<SystemFiles> systems = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path sub : children.filter(Files::isDirectory).sorted().toList()) {
                findSystem(sub).ifPresent(systems::add);
            }
        }
        return systems;
    }

    private static Optional<SystemFiles> findSystem(Path sub) throws IOException {
        String name = sub.getFileName().toString();
        try (Stream<Path> files = Files.list(sub)) {
            for (Path log : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                Path truth = sub.resolve(log.getFileName() + "_structured.csv");
                if (!Files.isRegularFile(truth)) {
                    continue;
                }
                Path corrected = sub.resolve(log.getFileName() + "_structured_corrected.csv");
                return Optional.of(new SystemFiles(name, log, truth,
                        Files.isRegularFile(corrected) ? Optional.of(corrected) : Optional.empty(), format(sub, name)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> format(Path sub, String name) throws IOException {
        Path file = sub.resolve(FORMAT_FILE);
        if (Files.isRegularFile(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return Optional.of(text);
            }
        }
        return Optional.ofNullable(PUBLISHED_FORMATS.get(name));
    }
}
