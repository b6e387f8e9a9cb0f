package io.z3chat.persistence.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload read with a ceiling: past {@code max} bytes it fails with {@link TooLarge} instead of reading on. */
final class LimitedInputStream extends FilterInputStream {

    /** The upload went past the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("the file is larger than " + max + " bytes");
        }
    }

    private final long max;
    private long read;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > max) {
            throw new TooLarge(max);
        }
    }
}
