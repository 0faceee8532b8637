using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The node affines of a layer without multiplication nodes over whole rows of [rows, n] arrays, forward and
    /// backward. Each element's parameters depend only on its column, so the flat array runs in
    /// <see cref="Vector256{T}"/> lanes against the parameters repeated to a period of four rows: lane by lane the
    /// per-element terms, so the same bits as one element at a time.
    /// </summary>
    internal static class NodeRows
    {
        /// <summary>Wider layers than this go element by element (the repeated parameters live on the stack).</summary>
        private const int MaxVectorNodes = 64;

        /// <summary>z = subnode scale * sum + subnode bias; output = node scale * z + node bias.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Forward(LayerArrays a, int n, ReadOnlySpan<double> sum, Span<double> z, Span<double> output)
        {
            ReadOnlySpan<double> ss = a.SubnodeScale.AsSpan(0, n), sb = a.SubnodeBias.AsSpan(0, n), ns = a.NodeScale.AsSpan(0, n), nb = a.NodeBias.AsSpan(0, n);
            int q = 0;
            if (Vector256.IsHardwareAccelerated && n <= MaxVectorNodes && sum.Length >= 4 * n)
            {
                int period = 4 * n;
                Span<double> repeated = stackalloc double[4 * period];
                Repeat(ss, repeated.Slice(0, period));
                Repeat(sb, repeated.Slice(period, period));
                Repeat(ns, repeated.Slice(2 * period, period));
                Repeat(nb, repeated.Slice(3 * period, period));
                ref double p = ref MemoryMarshal.GetReference(repeated);
                ref double s = ref MemoryMarshal.GetReference(sum);
                ref double zs = ref MemoryMarshal.GetReference(z.Slice(0, sum.Length));
                ref double outs = ref MemoryMarshal.GetReference(output.Slice(0, sum.Length));
                for (; q + period <= sum.Length; q += period)
                {
                    for (int o = 0; o < period; o += 4)
                    {
                        nuint at = (nuint)(q + o);
                        Vector256<double> zj = Vector256.LoadUnsafe(ref p, (nuint)o) * Vector256.LoadUnsafe(ref s, at) + Vector256.LoadUnsafe(ref p, (nuint)(period + o));
                        zj.StoreUnsafe(ref zs, at);
                        (Vector256.LoadUnsafe(ref p, (nuint)(2 * period + o)) * zj + Vector256.LoadUnsafe(ref p, (nuint)(3 * period + o))).StoreUnsafe(ref outs, at);
                    }
                }
            }

            for (; q < sum.Length; q++)
            {
                int j = q % n;
                double zj = ss[j] * sum[q] + sb[j];
                z[q] = zj;
                output[q] = ns[j] * zj + nb[j];
            }
        }

        /// <summary>dSum = (dOutput * node scale) * subnode scale.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Backward(LayerArrays a, int n, ReadOnlySpan<double> gNode, Span<double> gSub)
        {
            ReadOnlySpan<double> ns = a.NodeScale.AsSpan(0, n), ss = a.SubnodeScale.AsSpan(0, n);
            int q = 0;
            if (Vector256.IsHardwareAccelerated && n <= MaxVectorNodes && gNode.Length >= 4 * n)
            {
                int period = 4 * n;
                Span<double> repeated = stackalloc double[2 * period];
                Repeat(ns, repeated.Slice(0, period));
                Repeat(ss, repeated.Slice(period, period));
                ref double p = ref MemoryMarshal.GetReference(repeated);
                ref double g = ref MemoryMarshal.GetReference(gNode);
                ref double gs = ref MemoryMarshal.GetReference(gSub.Slice(0, gNode.Length));
                for (; q + period <= gNode.Length; q += period)
                {
                    for (int o = 0; o < period; o += 4)
                    {
                        nuint at = (nuint)(q + o);
                        (Vector256.LoadUnsafe(ref g, at) * Vector256.LoadUnsafe(ref p, (nuint)o) * Vector256.LoadUnsafe(ref p, (nuint)(period + o))).StoreUnsafe(ref gs, at);
                    }
                }
            }

            for (; q < gNode.Length; q++)
            {
                int j = q % n;
                gSub[q] = gNode[q] * ns[j] * ss[j];
            }
        }

        /// <summary>target[q] = values[q mod n].</summary>
        private static void Repeat(ReadOnlySpan<double> values, Span<double> target)
        {
            for (int q = 0; q < target.Length; q += values.Length)
            {
                values.CopyTo(target.Slice(q));
            }
        }
    }
}
