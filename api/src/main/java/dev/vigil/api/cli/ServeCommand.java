package dev.vigil.api.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.VigilConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vigil serve}: run the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Vigil server until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean keepRunning;

    @Mixin
    ServerOptions server = new ServerOptions();

    static boolean keepRunning() {
        return keepRunning;
    }

    @Override
    public Integer call() throws Exception {
        VigilConfig config = server.resolve(VigilConfig.defaults());
        VigilNode node = VigilNode.start(config);
        System.out.println("Vigil is serving on http://" + displayHost(config.host()) + ":" + node.port()
                + " (data in " + config.dataDir().toAbsolutePath() + "). Ctrl-C to stop.");
        awaitShutdown(node);
        return 0;
    }

    /** Blocks until the JVM is asked to stop, then closes the node so the index commits. */
    static void awaitShutdown(VigilNode node) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "vigil-shutdown"));
        keepRunning = true;
        stopped.await();
    }

    static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
