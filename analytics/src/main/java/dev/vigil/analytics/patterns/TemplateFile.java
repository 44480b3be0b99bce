package dev.vigil.analytics.patterns;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of the templates: a UTF-8 text file, first line {@code vigil-templates 2}, then
 * one tab-separated line per template: {@code L id service sequence overflow words} for a live one
 * (its words as the miner groups by, tab-separated and so escaped, see {@link TemplateRecord}),
 * {@code M id service sequence into} for one merged into {@code into}. Tabs, newlines and
 * backslashes inside fields are escaped. Written to a temporary file, forced to disk, then renamed
 * over the old one, so a crash leaves either the old or the new file. Stateless.
 */
final class TemplateFile {
    static final String FILE_NAME = "templates.tsv";
    private static final String HEADER = "vigil-templates 2";
    /** Version 1 held the shown text, words split at spaces; still read. */
    private static final String HEADER_V1 = "vigil-templates 1";

    private TemplateFile() {
    }

    static void write(Path dir, List<TemplateRecord> records) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = java.nio.channels.Channels.newOutputStream(channel);
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write(HEADER);
            out.write('\n');
            for (TemplateRecord r : records) {
                if (r.mergedInto() == null) {
                    out.write("L\t" + escape(r.id()) + '\t' + escape(r.service()) + '\t' + r.sequence() + '\t'
                            + (r.overflow() ? 1 : 0) + '\t' + escape(r.text()) + '\n');
                } else {
                    out.write("M\t" + escape(r.id()) + '\t' + escape(r.service()) + '\t' + r.sequence() + '\t'
                            + escape(r.mergedInto()) + '\n');
                }
            }
            out.flush();
            channel.force(true);
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The records in {@code dir}, or none when it holds no template file yet. */
    static List<TemplateRecord> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        List<TemplateRecord> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            boolean v1 = HEADER_V1.equals(header);
            if (!HEADER.equals(header) && !v1) {
                throw new IOException(file + ": not a template file (first line " + header + ")");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] f = line.split("\t", -1);
                try {
                    if (f[0].equals("L") && f.length == 6) {
                        String words = unescape(f[5]);
                        records.add(new TemplateRecord(unescape(f[1]), unescape(f[2]), Long.parseLong(f[3]),
                                v1 ? words.replace(' ', TemplateRecord.WORD_SEPARATOR) : words, null, f[4].equals("1")));
                    } else if (f[0].equals("M") && f.length == 5) {
                        records.add(new TemplateRecord(unescape(f[1]), unescape(f[2]), Long.parseLong(f[3]),
                                null, unescape(f[4]), false));
                    } else {
                        throw new IOException(file + " line " + number + ": unexpected record");
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + number + ": bad sequence number", e);
                }
            }
        }
        return records;
    }

    static String escape(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\\') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
