package dev.vigil.api.receivers.gelf;

import java.util.List;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.ReceiverPorts;
import dev.vigil.api.config.VigilConfig;
import dev.vigil.ingest.EventPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/** Starts the GELF TCP and UDP receivers ("gelf-tcp", "gelf-udp") whose ports are not off. */
public final class GelfReceivers {
    private GelfReceivers() {
    }

    public static void start(Vertx vertx, EventPipeline pipeline, MeterRegistry registry, VigilConfig config,
                             List<VigilNode.Receiver> receivers) throws Exception {
        ReceiverPorts ports = config.receivers();
        if (ports.gelfTcp() == ReceiverPorts.OFF && ports.gelfUdp() == ReceiverPorts.OFF) {
            return;
        }
        int maxMessage = (int) Math.min(Integer.MAX_VALUE - 16, config.bodyLimitBytes());
        GelfIngest ingest = new GelfIngest(pipeline, new GelfMeters(registry), maxMessage);
        if (ports.gelfTcp() != ReceiverPorts.OFF) {
            receivers.add(GelfTcpReceiver.start(vertx, config.host(), ports.gelfTcp(), ingest, maxMessage));
        }
        if (ports.gelfUdp() != ReceiverPorts.OFF) {
            receivers.add(GelfUdpReceiver.start(vertx, config.host(), ports.gelfUdp(), ingest));
        }
    }
}
