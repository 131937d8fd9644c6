using Lucene.Net.Store;

namespace Ecommerce.Api.Catalog;

/// <summary>
/// Lucene's RAMDirectory, read without its lock. RAMInputStream takes the file's lock each time it moves to the next
/// 1 kB buffer, so 64 concurrent searches queued on the files they share (postings, terms); about a tenth of a
/// search's CPU went to that lock. Lucene writes a file once and opens it for reading only after it is closed, so a
/// reader can take the file's buffers once, at open, and read them freely.
/// </summary>
public sealed class LockFreeRamDirectory : RAMDirectory
{
    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        if (!m_fileMap.TryGetValue(name, out var file))
        {
            throw new FileNotFoundException(name);
        }

        return new Input($"LockFreeRamDirectory(\"{name}\")", ((WrittenFile)file).Buffers(), file.Length);
    }

    protected override RAMFile NewRAMFile() => new WrittenFile(this);

    private sealed class WrittenFile(RAMDirectory directory) : RAMFile(directory)
    {
        /// <summary>The buffers of a closed file: they no longer change.</summary>
        public byte[][] Buffers()
        {
            var buffers = new byte[NumBuffers][];
            for (var i = 0; i < buffers.Length; i++)
            {
                buffers[i] = GetBuffer(i);
            }

            return buffers;
        }
    }

    /// <summary>Reads a closed file's buffers; clones (one per concurrent reader) share them and keep their own position.</summary>
    private sealed class Input(string description, byte[][] buffers, long length) : IndexInput(description)
    {
        private readonly int _bufferSize = buffers.Length > 0 ? buffers[0].Length : 1;
        private long _position;

        public override long Position => _position;

        public override long Length => length;

        public override byte ReadByte()
        {
            if (_position >= length)
            {
                throw new EndOfStreamException($"read past EOF: {this}");
            }

            var value = buffers[_position / _bufferSize][_position % _bufferSize];
            _position++;
            return value;
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (_position + len > length)
            {
                throw new EndOfStreamException($"read past EOF: {this}");
            }

            while (len > 0)
            {
                var within = (int)(_position % _bufferSize);
                var count = Math.Min(len, _bufferSize - within);
                Buffer.BlockCopy(buffers[_position / _bufferSize], within, b, offset, count);
                (_position, offset, len) = (_position + count, offset + count, len - count);
            }
        }

        public override void Seek(long pos)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(pos);
            _position = pos;
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
