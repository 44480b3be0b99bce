package dev.vigil.api.receivers.promrw;

import java.lang.reflect.Field;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.SnappyFrameDecoder;
import io.netty.handler.codec.http.HttpContentDecoder;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>{@link #install(HttpConnection)} does it for a whole connection (best from the server's
 * connection handler, before the first request). {@link #claim(RoutingContext)} does it from a route
 * handler, which runs when a request's headers have passed the inflater but its body has not: when
 * the stock inflater had already chosen its snappy decoder for this request, the swap lets the body
 * through raw, and the method reports that the request was sent with {@code Content-Encoding: snappy}
 * (the header itself is gone by then).
 */
public final class RawSnappyBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RawSnappyBodies.class);
    private static final String INFLATER = "inflater";
    private static final Field ACTIVE_DECODER = activeDecoderField();

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

    /**
     * Makes sure the current request's body (and all later ones on its connection) arrive raw.
     * Must run on the event loop, before anything reads the body.
     *
     * @return true when the stock inflater had taken this request as {@code Content-Encoding: snappy}
     *         (and removed the header); false when the headers are as the client sent them
     */
    static boolean claim(RoutingContext ctx) {
        ChannelPipeline pipeline = pipeline(ctx.request().connection());
        if (pipeline == null) {
            return false;
        }
        ChannelHandler current = pipeline.get(INFLATER);
        if (!(current instanceof HttpContentDecompressor) || current instanceof SnappyPassingDecompressor) {
            return false;
        }
        boolean wasSnappy = decodingSnappy((HttpContentDecompressor) current);
        pipeline.replace(current, INFLATER, new SnappyPassingDecompressor());
        return wasSnappy;
    }

    private static boolean decodingSnappy(HttpContentDecompressor inflater) {
        if (ACTIVE_DECODER == null) {
            return false;
        }
        try {
            Object decoder = ACTIVE_DECODER.get(inflater);
            return decoder instanceof EmbeddedChannel channel && channel.pipeline().get(SnappyFrameDecoder.class) != null;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static ChannelPipeline pipeline(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channelHandlerContext() != null) {
            return base.channelHandlerContext().pipeline();
        }
        return null;
    }

    private static Field activeDecoderField() {
        try {
            Field field = HttpContentDecoder.class.getDeclaredField("decoder");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot inspect Netty's HttpContentDecoder ({}): the first snappy request on each connection may be refused", e.toString());
            return null;
        }
    }
}
