using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// Writes files <c>torch.load</c> reads: a state dict of contiguous float64 tensors (an <c>OrderedDict</c>, as
    /// <c>module.state_dict()</c> gives), or <c>None</c>, in torch's zip format (version 3, little-endian, stored entries).
    /// </summary>
    public static class TorchWriter
    {
        /// <summary>Writes <paramref name="tensors"/> (name, shape, row-major values) to <paramref name="stream"/>; <paramref name="prefix"/> is the archive's top folder.</summary>
        public static void WriteStateDict(Stream stream, string prefix, IReadOnlyList<KeyValuePair<string, TorchTensor>> tensors)
        {
            var pickle = new PickleWriter();
            pickle.Global("collections", "OrderedDict");
            pickle.EmptyTuple();
            pickle.Reduce();
            pickle.Mark();
            for (int n = 0; n < tensors.Count; n++)
            {
                TorchTensor t = tensors[n].Value;
                pickle.String(tensors[n].Key);
                pickle.Global("torch._utils", "_rebuild_tensor_v2");
                pickle.Mark();
                pickle.Mark();
                pickle.String("storage");
                pickle.Global("torch", "DoubleStorage");
                pickle.String(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                pickle.String("cpu");
                pickle.Int(t.Values.Length);
                pickle.Tuple();
                pickle.PersistentId();
                pickle.Int(0); // storage offset
                IntTuple(pickle, t.Shape);
                IntTuple(pickle, Strides(t.Shape));
                pickle.Bool(false); // requires_grad
                pickle.Global("collections", "OrderedDict"); // backward hooks: OrderedDict()
                pickle.EmptyTuple();
                pickle.Reduce();
                pickle.Tuple();
                pickle.Reduce();
            }

            pickle.SetItems();
            var entries = new List<KeyValuePair<string, byte[]>> { new("data.pkl", pickle.Finish()) };
            for (int n = 0; n < tensors.Count; n++)
            {
                var values = tensors[n].Value.Values;
                var bytes = new byte[values.Length * 8];
                for (int i = 0; i < values.Length; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
                }

                entries.Add(new("data/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), bytes));
            }

            WriteArchive(stream, prefix, entries);
        }

        /// <summary>Writes <c>torch.save(None)</c> (pykan's <c>_cache_data</c> of a model that has seen no data).</summary>
        public static void WriteNone(Stream stream, string prefix)
        {
            var pickle = new PickleWriter();
            pickle.None();
            WriteArchive(stream, prefix, new List<KeyValuePair<string, byte[]>> { new("data.pkl", pickle.Finish()) });
        }

        private static void WriteArchive(Stream stream, string prefix, List<KeyValuePair<string, byte[]>> entries)
        {
            entries.Add(new("version", Encoding.ASCII.GetBytes("3\n")));
            entries.Add(new("byteorder", Encoding.ASCII.GetBytes("little")));
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var e in entries)
            {
                var entry = zip.CreateEntry(prefix + "/" + e.Key, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero); // reproducible bytes
                using Stream s = entry.Open();
                s.Write(e.Value, 0, e.Value.Length);
            }
        }

        private static void IntTuple(PickleWriter pickle, ImmutableArray<int> values)
        {
            pickle.Mark();
            foreach (int v in values)
            {
                pickle.Int(v);
            }

            pickle.Tuple();
        }

        private static ImmutableArray<int> Strides(ImmutableArray<int> shape)
        {
            var strides = new int[shape.Length];
            int stride = 1;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                strides[d] = stride;
                stride *= Math.Max(shape[d], 1);
            }

            return strides.ToImmutableArray();
        }
    }
}
