using System;
using System.Runtime.CompilerServices;
using Kan.Evaluation;

namespace Kan.Training.Compute
{
    /// <summary>
    /// What a layer computes once per (sample, input) and shares among the input's outgoing edges: the base
    /// function b(x) and its derivative, the knot span and the k+1 non-zero B-spline basis values and their
    /// derivatives, written into the layer's buffers at <c>xi = row * in + input</c>.
    /// </summary>
    internal static class InputBasis
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Compute(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, int i, int xi, bool derivatives)
        {
            int k = layer.K, kc = layer.KnotCount;
            double x = buf.X[xi];
            if (layer.BaseFunction == BaseFunction.Silu && derivatives)
            {
                // One exp for silu and its derivative; the value is computed exactly as KanEvaluator.Base does.
                double e = Math.Exp(-x);
                buf.Base[xi] = x / (1.0 + e);
                double sig = 1.0 / (1.0 + e);
                buf.DBase[xi] = sig * (1.0 + x * (1.0 - sig));
            }
            else
            {
                buf.Base[xi] = KanEvaluator.Base(layer.BaseFunction, x);
                if (derivatives)
                {
                    buf.DBase[xi] = BaseDerivative(layer.BaseFunction, x);
                }
            }

            int span = ReciprocalBasis.FindSpan(layer.Knots.AsSpan(i * kc, kc), x);
            buf.Span[xi] = span;
            if (span >= 0)
            {
                ReciprocalBasis.Evaluate(layer.Knots, i * kc, kc, knots.Reciprocals, i * k * kc, k, span, x, buf.Basis, derivatives ? buf.DBasis : null, xi * (k + 1), knots.ZeroWidth[i]);
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

        internal static double BaseDerivative(BaseFunction f, double x)
        {
            switch (f)
            {
                case BaseFunction.Silu:
                    double s = 1.0 / (1.0 + Math.Exp(-x));
                    return s * (1.0 + x * (1.0 - s));
                case BaseFunction.Identity:
                    return 1.0;
                default:
                    return 0.0;
            }
        }
    }
}
