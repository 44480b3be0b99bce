package dev.vigil.api.receivers.promrw;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Keeps {@code Content-Encoding: snappy} bodies raw.
 *
 * <p>With {@code HttpServerOptions.setDecompressionSupported(true)} Vert.x puts Netty's
 * {@link HttpContentDecompressor} in every HTTP/1.x pipeline (named {@code inflater}). Netty reads
 * {@code snappy} as the snappy <em>framed</em> format, but Prometheus remote write (and Loki push)
 * send the snappy <em>block</em> format: Netty would fail on the body before any handler sees it,
 * and it removes the {@code Content-Encoding} header. This class swaps that handler for one that
 * leaves snappy alone and still inflates gzip, deflate, br and zstd.
 *
 * <p>{@link #install(HttpConnection)} must run from the HTTP server's connection handler, before the
 * first request of the connection ({@code VigilNode} does this).
 */
public final class RawSnappyBodies {
    private static final String INFLATER = "inflater";

    private RawSnappyBodies() {
    }

    /** The snappy-tolerant inflater: Netty's, minus its framed-snappy decoder. */
    static final class SnappyPassingDecompressor extends HttpContentDecompressor {
        SnappyPassingDecompressor() {
            super(false);
        }

        @Override
        protected EmbeddedChannel newContentDecoder(String contentEncoding) throws Exception {
            if ("snappy".equalsIgnoreCase(contentEncoding.trim())) {
                return null;
            }
            return super.newContentDecoder(contentEncoding);
        }
    }

    /** Installs the snappy-tolerant inflater on a connection; a no-op for HTTP/2 or when there is none. */
    public static void install(HttpConnection connection) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline != null && pipeline.get(INFLATER) instanceof HttpContentDecompressor current
                && !(current instanceof SnappyPassingDecompressor)) {
            pipeline.replace(current, INFLATER, new SnappyPassingDecompressor());
        }
    }

    private static ChannelPipeline pipeline(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channelHandlerContext() != null) {
            return base.channelHandlerContext().pipeline();
        }
        return null;
    }
}
