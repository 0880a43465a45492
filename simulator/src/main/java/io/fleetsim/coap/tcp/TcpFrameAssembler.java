package io.fleetsim.coap.tcp;

import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a TCP byte stream into whole RFC 8323 frames: bytes arrive in reads of any size, a read
 * may hold part of a frame or several frames, and each whole frame is handed on as it completes.
 * A frame announcing more than {@code maxFrameBytes} is refused before its bytes arrive: the
 * assembler stops and reports it, and the connection should be closed.
 */
public final class TcpFrameAssembler {

    private final int maxFrameBytes;
    private final Consumer<Buffer> frames;
    private final Consumer<Long> oversize;
    private Buffer pending = Buffer.buffer();
    private boolean failed;

    /**
     * @param frames   gets each whole frame (header, token, options, payload)
     * @param oversize gets the announced size of a frame that is too large; nothing follows it
     */
    public TcpFrameAssembler(int maxFrameBytes, Consumer<Buffer> frames, Consumer<Long> oversize) {
        this.maxFrameBytes = maxFrameBytes;
        this.frames = frames;
        this.oversize = oversize;
    }

    /** Takes the bytes of one read. */
    public void feed(Buffer bytes) {
        if (failed) {
            return;
        }
        pending = pending.length() == 0 ? bytes : pending.appendBuffer(bytes);
        int offset = 0;
        while (!failed) {
            long size = frameSize(pending, offset);
            if (size < 0 || offset + size > pending.length()) {
                break;
            }
            frames.accept(pending.slice(offset, offset + (int) size).copy());
            offset += (int) size;
        }
        // Once a frame is refused nothing more is read: keep none of its bytes.
        pending = failed || offset == pending.length() ? Buffer.buffer() : pending.getBuffer(offset, pending.length());
    }

    /** Bytes held back for an incomplete frame. */
    public int pendingBytes() {
        return pending.length();
    }

    /** The size of the frame at {@code offset}, -1 when its header is not complete yet. */
    private long frameSize(Buffer in, int offset) {
        int available = in.length() - offset;
        if (available < 1) {
            return -1;
        }
        int first = in.getUnsignedByte(offset);
        int extended = TcpFrameHeader.extendedLengthBytes(first);
        if (available < 1 + extended) {
            return -1;
        }
        long size = 1L + extended + 1 + (first & 0x0F) + TcpFrameHeader.bodyLength(in, offset);
        if (size > maxFrameBytes) {
            failed = true;
            oversize.accept(size);
            return -1;
        }
        return size;
    }
}
