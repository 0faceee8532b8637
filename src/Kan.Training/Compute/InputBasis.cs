using System;
using System.Runtime.CompilerServices;

namespace Kan.Training.Compute
{
    /// <summary>
    /// What a layer computes once per (sample, input) and shares among the input's outgoing edges: the base
    /// function b(x) and its derivative (<see cref="BaseFunctions"/>), the knot span and the k+1 non-zero B-spline basis values and their
    /// derivatives, written into the layer's buffers at <c>xi = row * in + input</c>.
    /// </summary>
    internal static class InputBasis
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Compute(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, int i, int xi, bool derivatives)
        {
            int k = layer.K, kc = layer.KnotCount;
            double x = buf.X[xi];
            if (derivatives)
            {
                buf.Base[xi] = BaseFunctions.ValueAndDerivative(layer.BaseFunction, x, out buf.DBase[xi]);
            }
            else
            {
                buf.Base[xi] = BaseFunctions.Value(layer.BaseFunction, x);
            }

            int span = ReciprocalBasis.FindSpan(layer.Arrays.Knots.AsSpan(i * kc, kc), x);
            buf.Span[xi] = span;
            if (span >= 0)
            {
                ReciprocalBasis.Evaluate(layer.Arrays.Knots, i * kc, kc, knots.Reciprocals, i * k * kc, k, span, x, buf.Basis, derivatives ? buf.DBasis : null, xi * (k + 1), knots.ZeroWidth[i]);
            }
            else
            {
                Array.Clear(buf.Basis, xi * (k + 1), k + 1);
                if (derivatives)
                {
                    Array.Clear(buf.DBasis, xi * (k + 1), k + 1);
                }
            }
        }
    }
}
