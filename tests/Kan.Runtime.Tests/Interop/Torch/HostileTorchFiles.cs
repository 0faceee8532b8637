using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>Builds torch-style zip archives around hand-written pickles, for files torch would never write.</summary>
public static class HostileTorchFiles
{
    /// <summary>A zip as torch.save lays it out: <c>archive/data.pkl</c>, the given extra entries, <c>archive/version</c>.</summary>
    public static byte[] Zip(byte[] pickle, params (string Name, byte[] Bytes)[] entries)
    {
        var all = new List<(string, byte[])> { ("archive/data.pkl", pickle) };
        foreach (var (name, bytes) in entries)
        {
            all.Add(("archive/" + name, bytes));
        }

        all.Add(("archive/version", Encoding.ASCII.GetBytes("3\n")));
        return RawZip(all);
    }

    public static byte[] RawZip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Pickle opcodes, written as a list of byte chunks and strings.</summary>
    public static byte[] Pickle(params object[] parts)
    {
        var bytes = new List<byte> { 0x80, 2 };
        foreach (object part in parts)
        {
            switch (part)
            {
                case byte b:
                    bytes.Add(b);
                    break;
                case char c:
                    bytes.Add((byte)c);
                    break;
                case byte[] raw:
                    bytes.AddRange(raw);
                    break;
                case string s: // BINUNICODE
                    byte[] utf8 = Encoding.UTF8.GetBytes(s);
                    bytes.Add((byte)'X');
                    var len = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(len, utf8.Length);
                    bytes.AddRange(len);
                    bytes.AddRange(utf8);
                    break;
                case int i: // BININT
                    bytes.Add((byte)'J');
                    var v = new byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(v, i);
                    bytes.AddRange(v);
                    break;
                default:
                    throw new ArgumentException(part.GetType().Name);
            }
        }

        return bytes.ToArray();
    }

    public static byte[] Global(string module, string name) => Encoding.ASCII.GetBytes("c" + module + "\n" + name + "\n");

    /// <summary>
    /// A state dict <c>{'w': tensor}</c> whose tensor is a view (<paramref name="size"/>, <paramref name="stride"/>,
    /// <paramref name="offset"/>) of a float64 storage that claims <paramref name="claimedNumel"/> elements and holds
    /// <paramref name="storedNumel"/>.
    /// </summary>
    public static byte[] StateDict(int[] size, int[] stride, int offset, int claimedNumel, int storedNumel)
    {
        var parts = new List<object>
        {
            Global("collections", "OrderedDict"), ')', 'R', '(', "w",
            Global("torch._utils", "_rebuild_tensor_v2"), '(',
            '(', "storage", Global("torch", "DoubleStorage"), "0", "cpu", claimedNumel, 't', 'Q',
            offset, '(',
        };
        foreach (int s in size)
        {
            parts.Add(s);
        }

        parts.Add('t');
        parts.Add('(');
        foreach (int s in stride)
        {
            parts.Add(s);
        }

        parts.AddRange(new object[] { 't', (byte)0x89, Global("collections", "OrderedDict"), ')', 'R', 't', 'R', 'u', '.' });
        return Zip(Pickle(parts.ToArray()), ("data/0", new byte[storedNumel * 8]));
    }

    /// <summary>
    /// <paramref name="count"/> tensors, each a full view of one uint8 storage of <paramref name="numel"/> elements
    /// (the storage is pickled once and then fetched from the memo).
    /// </summary>
    public static byte[] SharedStorage(int count, int numel)
    {
        var parts = new List<object> { Global("collections", "OrderedDict"), ')', 'R', '(' };
        for (int t = 0; t < count; t++)
        {
            parts.Add("t" + t);
            parts.Add(Global("torch._utils", "_rebuild_tensor_v2"));
            parts.Add('(');
            if (t == 0)
            {
                parts.AddRange(new object[] { '(', "storage", Global("torch", "ByteStorage"), "0", "cpu", numel, 't', 'Q', 'q', (byte)1 });
            }
            else
            {
                parts.AddRange(new object[] { 'h', (byte)1 });
            }

            parts.AddRange(new object[] { 0, numel, (byte)0x85, 1, (byte)0x85, (byte)0x89, 'N', 't', 'R' });
        }

        parts.AddRange(new object[] { 'u', '.' });
        return Zip(Pickle(parts.ToArray()), ("data/0", new byte[numel]));
    }

    /// <summary>Sets the sizes the central directory claims for <paramref name="entryName"/> (the compressed one too when given).</summary>
    public static byte[] ClaimSize(byte[] zip, string entryName, uint size, uint? compressedSize = null)
    {
        byte[] copy = (byte[])zip.Clone();
        byte[] name = Encoding.ASCII.GetBytes(entryName);
        for (int at = 0; at + 46 <= copy.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at)) == 0x02014b50 &&
                copy.AsSpan(at + 46, Math.Min(name.Length, copy.Length - at - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 24), size);
                if (compressedSize is uint c)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 20), c);
                }

                return copy;
            }
        }

        throw new ArgumentException("no central directory entry " + entryName);
    }
}
