using System;
using System.Buffers.Binary;

namespace Kan.Interop.Torch
{
    /// <summary>The element types a torch storage can hold that this reader decodes (all widened to double).</summary>
    public enum TorchDType
    {
        Float64,
        Float32,
        Float16,
        BFloat16,
        Int64,
        Int32,
        Int16,
        Int8,
        UInt8,
        Bool,
    }

    /// <summary>Storage class names (<c>torch.FloatStorage</c>, ...), element sizes and decoding.</summary>
    internal static class TorchDTypes
    {
        /// <summary>The dtype a <c>torch.&lt;name&gt;</c> storage class holds, or null when it is not a storage class we read.</summary>
        public static TorchDType? FromStorageClass(string name) => name switch
        {
            "DoubleStorage" => TorchDType.Float64,
            "FloatStorage" => TorchDType.Float32,
            "HalfStorage" => TorchDType.Float16,
            "BFloat16Storage" => TorchDType.BFloat16,
            "LongStorage" => TorchDType.Int64,
            "IntStorage" => TorchDType.Int32,
            "ShortStorage" => TorchDType.Int16,
            "CharStorage" => TorchDType.Int8,
            "ByteStorage" => TorchDType.UInt8,
            "BoolStorage" => TorchDType.Bool,
            _ => null,
        };

        public static int Size(TorchDType dtype) => dtype switch
        {
            TorchDType.Float64 or TorchDType.Int64 => 8,
            TorchDType.Float32 or TorchDType.Int32 => 4,
            TorchDType.Float16 or TorchDType.BFloat16 or TorchDType.Int16 => 2,
            _ => 1,
        };

        /// <summary>Element <paramref name="index"/> of a raw storage, widened exactly to double (int64 beyond 2^53 rounds).</summary>
        public static double Read(ReadOnlySpan<byte> storage, TorchDType dtype, long index, bool bigEndian)
        {
            ReadOnlySpan<byte> b = storage.Slice(checked((int)(index * Size(dtype))), Size(dtype));
            return dtype switch
            {
                TorchDType.Float64 => BitConverter.Int64BitsToDouble(bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b)),
                TorchDType.Float32 => BitConverter.Int32BitsToSingle(bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b)),
                TorchDType.Float16 => (double)BitConverter.UInt16BitsToHalf(bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)),
                // bfloat16 is the top half of a float32.
                TorchDType.BFloat16 => BitConverter.Int32BitsToSingle((bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b)) << 16),
                TorchDType.Int64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                TorchDType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                TorchDType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                TorchDType.Int8 => (sbyte)b[0],
                TorchDType.UInt8 => b[0],
                _ => b[0] != 0 ? 1.0 : 0.0,
            };
        }
    }
}
