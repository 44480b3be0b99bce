package dev.vigil.api.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vigil} command. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "Vigil 0.1.0",
        description = "Self-hosted log and metrics analytics that finds what broke and why.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    public static void main(String[] args) {
        // Chronicle must never phone home; set before any of its classes load.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
        System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
        System.setProperty("org.slf4j.simpleLogger.log.net.openhft", "warn");
        // Vert.x registers one gauge per HTTP method and Micrometer warns about each repeat.
        System.setProperty("org.slf4j.simpleLogger.log.io.micrometer.core.instrument.MeterRegistry", "error");
        int code = new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || !ServeCommand.keepRunning()) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
