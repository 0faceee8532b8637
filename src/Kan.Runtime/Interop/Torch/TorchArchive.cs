using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// The zip container <c>torch.save</c> writes (since torch 1.6): <c>&lt;prefix&gt;/data.pkl</c>, one
    /// <c>&lt;prefix&gt;/data/&lt;key&gt;</c> per storage, <c>&lt;prefix&gt;/version</c> and, in newer versions,
    /// <c>byteorder</c> and <c>.data/serialization_id</c>. The prefix is the stem of the name the file was first
    /// saved under, so entries are found by suffix. Every entry's size is checked against the archive before it is read.
    /// </summary>
    internal sealed class TorchArchive : IDisposable
    {
        // Deflate cannot expand data by more than about 1032:1; a claimed size beyond that is a lie (or a zip bomb).
        private const long MaxDeflateRatio = 1032;

        private readonly ZipArchive _zip;
        private readonly Dictionary<string, ZipArchiveEntry> _entries;

        private TorchArchive(ZipArchive zip, string fileName, string prefix, long length)
        {
            _zip = zip;
            ArchiveLength = length;
            FileName = fileName;
            Prefix = prefix;
            _entries = zip.Entries.GroupBy(e => e.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }

        public string FileName { get; }

        /// <summary>The size of the whole archive in bytes: what every claim inside it is measured against.</summary>
        public long ArchiveLength { get; }

        /// <summary>The archive's top folder, such as <c>archive</c> or the file's original stem.</summary>
        public string Prefix { get; }

        public static TorchArchive Open(Stream stream, string fileName)
        {
            var head = new byte[4];
            int got = ReadUpTo(stream, head);
            stream.Position = 0;
            if (got < 2 || head[0] != (byte)'P' || head[1] != (byte)'K')
            {
                throw new TorchFormatException(fileName, Describe(head, got));
            }

            ZipArchive zip;
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                _ = zip.Entries.Count;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
            {
                throw new TorchFormatException(fileName, "not a readable zip archive (" + e.Message.TrimEnd('.') + "); the file is truncated or corrupt");
            }

            if (zip.Entries.Any(e => e.FullName.EndsWith("/constants.pkl", StringComparison.Ordinal) || e.FullName.Contains("/code/", StringComparison.Ordinal)))
            {
                zip.Dispose();
                throw new TorchFormatException(fileName, "a TorchScript archive (torch.jit.save), which holds code; save the model's state_dict with torch.save instead");
            }

            var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length).ToList();
            if (pickles.Count != 1)
            {
                zip.Dispose();
                throw new TorchFormatException(fileName, pickles.Count == 0
                        ? "a zip archive without a '<prefix>/data.pkl' entry: not a file written by torch.save"
                        : "a zip archive with " + pickles.Count + " data.pkl entries; torch.save writes one");
            }

            string prefix = pickles[0].FullName.Substring(0, pickles[0].FullName.Length - "/data.pkl".Length);
            return new TorchArchive(zip, fileName, prefix, stream.Length);
        }

        /// <summary>Whether <c>&lt;prefix&gt;/<paramref name="name"/></c> exists.</summary>
        public bool Has(string name) => _entries.ContainsKey(Prefix + "/" + name);

        /// <summary>The uncompressed size the archive claims for <c>&lt;prefix&gt;/<paramref name="name"/></c>, or -1 when it is missing.</summary>
        public long Length(string name) => _entries.TryGetValue(Prefix + "/" + name, out var e) ? e.Length : -1;

        /// <summary>Reads <c>&lt;prefix&gt;/<paramref name="name"/></c> whole, after checking its claimed size is plausible.</summary>
        public byte[] Read(string name)
        {
            string full = Prefix + "/" + name;
            if (!_entries.TryGetValue(full, out var entry))
            {
                throw new TorchFormatException(FileName, "the archive has no entry '" + full + "'");
            }

            if (entry.Length > int.MaxValue - 64 || entry.CompressedLength > ArchiveLength || entry.Length > Math.Max(entry.CompressedLength, 1) * MaxDeflateRatio)
            {
                throw new TorchFormatException(FileName, "entry '" + full + "' claims " + entry.Length + " bytes from " + entry.CompressedLength + " stored; the archive is corrupt");
            }

            var bytes = new byte[entry.Length];
            try
            {
                using Stream s = entry.Open();
                int got = ReadUpTo(s, bytes);
                if (got != bytes.Length || s.ReadByte() != -1)
                {
                    throw new TorchFormatException(FileName, "entry '" + full + "' holds " + (got == bytes.Length ? "more" : got.ToString(System.Globalization.CultureInfo.InvariantCulture)) +
                                                             " bytes but the archive says " + bytes.Length + "; the file is truncated or corrupt");
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                throw new TorchFormatException(FileName, "entry '" + full + "' cannot be read (" + e.Message.TrimEnd('.') + "); the file is truncated or corrupt");
            }

            return bytes;
        }

        public void Dispose() => _zip.Dispose();

        private static int ReadUpTo(Stream stream, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        private static string Describe(byte[] head, int got)
        {
            if (got == 0)
            {
                return "the file is empty";
            }

            // Before 1.6 (or with _use_new_zipfile_serialization=False) torch wrote a bare pickle starting with a magic number.
            if (head[0] == 0x80)
            {
                return "a legacy torch file (a bare pickle, written by torch before 1.6 or with _use_new_zipfile_serialization=False), which is not read; " +
                       "load it in Python and save it again with torch.save(model.state_dict(), PATH)";
            }

            return "not a torch file: torch.save writes a zip archive (starting with 'PK'), this starts with bytes " +
                   string.Join(" ", head.Take(got).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
