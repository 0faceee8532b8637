using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Kan.Interop.Torch
{
    /// <summary>
    /// torch's <c>_rebuild_tensor_v2(storage, offset, size, stride, ...)</c>: a view into a storage, copied out in
    /// row-major order. Every index the view can reach is checked against the storage before anything is allocated.
    /// </summary>
    internal static class TensorRebuild
    {
        public static TorchTensor Rebuild(StorageRef storage, object offsetValue, object sizeValue, object strideValue, bool bigEndian, Func<string, Exception> error)
        {
            long offset = offsetValue is long o ? o : throw error("the tensor's storage offset must be an integer");
            long[] size = Dims(sizeValue, "size", error);
            long[] stride = Dims(strideValue, "stride", error);
            if (stride.Length != size.Length)
            {
                throw error("the tensor has " + size.Length + " sizes but " + stride.Length + " strides");
            }

            if (offset < 0)
            {
                throw error("the tensor's storage offset " + offset + " is negative");
            }

            long count = 1;
            long last = offset;
            try
            {
                for (int d = 0; d < size.Length; d++)
                {
                    count = checked(count * size[d]);
                    if (size[d] > 0)
                    {
                        last = checked(last + ((size[d] - 1) * stride[d]));
                    }
                }
            }
            catch (OverflowException)
            {
                throw error("the tensor claims a shape " + Text(size) + " too large for any file");
            }

            if (count > 0 && last >= storage.ElementCount)
            {
                throw error("the tensor " + Text(size) + " (offset " + offset + ", strides " + Text(stride) + ") reaches element " + last +
                            " but its storage '" + storage.Key + "' holds " + storage.ElementCount);
            }

            // A view can name each storage element at most once unless it broadcasts (stride 0); refusing larger views
            // bounds every allocation by the bytes actually in the archive.
            if (count > storage.ElementCount)
            {
                throw error("the tensor " + Text(size) + " has more elements (" + count + ") than its storage '" + storage.Key + "' (" + storage.ElementCount +
                            "); a broadcast (stride 0) view: save it with .contiguous() first");
            }

            var values = new double[count];
            var index = new long[size.Length];
            long at = offset;
            for (long n = 0; n < count; n++)
            {
                values[n] = TorchDTypes.Read(storage.Bytes, storage.DType, at, bigEndian);

                // Odometer over the dimensions, last fastest: row-major order whatever the strides.
                for (int d = size.Length - 1; d >= 0; d--)
                {
                    index[d]++;
                    at += stride[d];
                    if (index[d] < size[d])
                    {
                        break;
                    }

                    at -= index[d] * stride[d];
                    index[d] = 0;
                }
            }

            var shape = ImmutableArray.CreateBuilder<int>(size.Length);
            foreach (long s in size)
            {
                shape.Add((int)s);
            }

            return new TorchTensor(storage.DType, shape.MoveToImmutable(), ImmutableCollectionsMarshal.AsImmutableArray(values));
        }

        private static long[] Dims(object value, string what, Func<string, Exception> error)
        {
            if (value is not PyTuple tuple)
            {
                throw error("the tensor's " + what + " must be a tuple of integers");
            }

            var dims = new long[tuple.Items.Length];
            for (int d = 0; d < dims.Length; d++)
            {
                if (tuple.Items[d] is not long v || v < 0 || v > int.MaxValue)
                {
                    throw error("the tensor's " + what + " " + Describe(tuple) + " must hold integers from 0 to " + int.MaxValue);
                }

                dims[d] = v;
            }

            return dims;
        }

        private static string Describe(PyTuple tuple) => "(" + string.Join(", ", Array.ConvertAll(tuple.Items, PickleMachine.Describe)) + ")";

        private static string Text(long[] dims) => "[" + string.Join(", ", dims) + "]";
    }
}
