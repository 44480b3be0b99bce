package dev.vigil.api.receivers.syslog;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.api.VigilNode;
import dev.vigil.api.config.ReceiverPorts;
import dev.vigil.ingest.EventPipeline;
import dev.vigil.ingest.syslog.SyslogParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/** Starts the syslog receivers whose ports are not {@link ReceiverPorts#OFF}: "syslog-tcp" and "syslog-udp". */
public final class SyslogReceivers {
    private SyslogReceivers() {
    }

    /**
     * RFC 3164 timestamps carry no zone and no year: they are read in this JVM's default zone (the
     * receiving host's), in the current year there.
     */
    public static List<VigilNode.Receiver> start(Vertx vertx, EventPipeline pipeline, MeterRegistry registry, String host,
                                                 ReceiverPorts ports) throws Exception {
        return start(vertx, pipeline, registry, host, ports, SyslogTcpReceiver.MAX_FRAME_BYTES);
    }

    /** As above, with TCP frames (messages) of at most {@code maxFrameBytes} (setting {@code syslog-frame-limit}). */
    public static List<VigilNode.Receiver> start(Vertx vertx, EventPipeline pipeline, MeterRegistry registry, String host,
                                                 ReceiverPorts ports, int maxFrameBytes) throws Exception {
        List<VigilNode.Receiver> started = new ArrayList<>();
        if (ports.syslogTcp() == ReceiverPorts.OFF && ports.syslogUdp() == ReceiverPorts.OFF) {
            return started;
        }
        SyslogParser parser = new SyslogParser(ZoneId.systemDefault());
        SyslogMeters meters = new SyslogMeters(registry);
        try {
            if (ports.syslogTcp() != ReceiverPorts.OFF) {
                started.add(SyslogTcpReceiver.start(vertx, SyslogAppender.of(pipeline), parser, meters, host, ports.syslogTcp(),
                        maxFrameBytes));
            }
            if (ports.syslogUdp() != ReceiverPorts.OFF) {
                started.add(SyslogUdpReceiver.start(vertx, SyslogAppender.of(pipeline), parser, meters, host, ports.syslogUdp()));
            }
        } catch (Exception e) {
            for (VigilNode.Receiver receiver : started) {
                receiver.close();
            }
            throw e;
        }
        return started;
    }
}
