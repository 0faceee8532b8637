using System;
using System.Runtime.CompilerServices;
using Kan.Training.Symbolic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// One layer of pykan's <c>MultKAN.forward</c> on rows [from, to) of its buffers: per input the basis
    /// (<see cref="InputBasis"/>, unless already there), per edge the spline sum and <c>sb*b(x) + sp*spline</c>,
    /// masked into the subnode sums in (input, subnode) order, then the symbolic edges, the subnode affine, the
    /// products and the node affine — the same terms in the same order as KanEvaluator. Cubic edges run four rows
    /// at a time (<see cref="CubicRows"/>) where the hardware allows, with the same bits.
    /// </summary>
    internal static class LayerForward
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, double[] next, int from, int to, ForwardMode mode, bool basisReady, bool vectors)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, cc = layer.CoefficientCount, rows = buf.Rows;
            double[] sums = buf.Sum;
            bool keep = mode.KeepActivations, cubic = CubicTerms.Enabled(k);
            if (!basisReady)
            {
                for (int i = 0; i < nIn; i++)
                {
                    InputBasis.Compute(layer, knots, buf, i, from, to, mode.Derivatives, vectors);
                }
            }

            int b = from;
            if (CubicRows.Enabled(k, vectors))
            {
                // Whole four-row blocks input by input (CubicRows.Forward), then their nodes; the rest row by row.
                int end = from + (to - from) / CubicRows.Width * CubicRows.Width;
                Array.Clear(sums, from * nSub, (end - from) * nSub);
                for (int i = 0; i < nIn; i++)
                {
                    CubicRows.Forward(layer, buf, i, from, end, keep);
                }

                FinishRows(layer, buf, next, from, end, mode);
                b = end;
            }

            for (; b < to; b++)
            {
                Array.Clear(sums, b * nSub, nSub);
                for (int i = 0; i < nIn; i++)
                {
                    Edges(layer, buf, b, i, keep, cubic);
                }

                Finish(layer, buf, next, b, mode);
            }
        }

        /// <summary>The numeric edges of input <paramref name="i"/> at row <paramref name="b"/>, added into the row's subnode sums.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Edges(NetworkLayer layer, LayerBuffers buf, int b, int i, bool keep, bool cubic)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, cc = layer.CoefficientCount, rows = buf.Rows;
            double[] coef = layer.Arrays.Coefficients, sbase = layer.Arrays.ScaleBase, ssp = layer.Arrays.ScaleSpline, mask = layer.Arrays.Mask;
            double[] basis = buf.Basis, splineOut = buf.Spline, numericOut = buf.Numeric, sums = buf.Sum;
            int sumOffset = b * nSub;
            int xi = b * nIn + i;
            double bx = buf.Base[i * rows + b];
            int span = buf.Span[i * rows + b];
            int rowEdge = i * nSub;
            int sampleEdge = xi * nSub;
            int first = span - k;
            // The coefficient range the k+1 basis values touch, clipped once per input.
            int rFrom = span < 0 ? 0 : Math.Max(0, -first);
            int rTo = span < 0 ? -1 : Math.Min(k, cc - 1 - first);
            int bo = xi * (k + 1);
            if (cubic && rFrom == 0 && rTo == 3)
            {
                CubicTerms.Forward(
                    ref coef[rowEdge * cc + first], cc, CubicTerms.Load(basis, bo), bx,
                    ref sbase[rowEdge], ref ssp[rowEdge], ref mask[rowEdge],
                    ref splineOut[sampleEdge], ref numericOut[keep ? sampleEdge : 0], keep, ref sums[sumOffset], nSub);
                return;
            }

            for (int j = 0; j < nSub; j++)
            {
                int e = rowEdge + j;
                int cm = e * cc + first;
                double spline = 0.0;
                for (int r = rFrom; r <= rTo; r++)
                {
                    spline += coef[cm + r] * basis[bo + r];
                }

                // A zero scale_base drops the base term even where silu(x) is not finite (the non-finite rule, docs/training.md).
                double numeric = (sbase[e] == 0.0 ? 0.0 : sbase[e] * bx) + ssp[e] * spline;
                splineOut[sampleEdge + j] = spline;
                if (keep)
                {
                    numericOut[sampleEdge + j] = numeric;
                }

                double mk = mask[e];
                if (mk != 0.0)
                {
                    sums[sumOffset + j] += mk * numeric;
                }
            }
        }

        /// <summary>
        /// <see cref="Finish"/> for rows [from, to); without symbolic edges and multiplication nodes, the nodes of all
        /// these rows at once (<see cref="NodeRows.Forward"/>, the same terms).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void FinishRows(NetworkLayer layer, LayerBuffers buf, double[] next, int from, int to, ForwardMode mode)
        {
            if (mode.Symbolic || !layer.Topology.MultArity.IsEmpty)
            {
                for (int b = from; b < to; b++)
                {
                    Finish(layer, buf, next, b, mode);
                }

                return;
            }

            int nIn = layer.InputCount, n = layer.SubnodeCount;
            if (mode.KeepActivations)
            {
                Array.Clear(buf.Symbolic, from * nIn * n, (to - from) * nIn * n);
            }

            int length = (to - from) * n;
            NodeRows.Forward(layer.Arrays, n, buf.Sum.AsSpan(from * n, length), buf.Z.AsSpan(from * n, length), next.AsSpan(from * n, length));
        }

        /// <summary>Row <paramref name="b"/> after its numeric edges: the symbolic edges, then the nodes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Finish(NetworkLayer layer, LayerBuffers buf, double[] next, int b, ForwardMode mode)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount;
            if (mode.Symbolic)
            {
                AddSymbolic(layer, buf, b, mode.KeepActivations, mode.YTh);
            }
            else if (mode.KeepActivations)
            {
                Array.Clear(buf.Symbolic, b * nIn * nSub, nIn * nSub);
            }

            Nodes(layer, buf, next, b);
        }

        /// <summary>
        /// Symbolic edges after all numeric ones, in (input, subnode) order, as KanEvaluator adds them; with
        /// <paramref name="yTh"/>, through the singularity-safe variants (pykan's <c>singularity_avoiding</c>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void AddSymbolic(NetworkLayer layer, LayerBuffers buf, int b, bool keep, double? yTh)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount;
            int edgeBase = b * nIn * nSub;
            for (int i = 0; i < nIn; i++)
            {
                double x = buf.X[b * nIn + i];
                for (int j = 0; j < nSub; j++)
                {
                    int e = i * nSub + j;
                    double sm = layer.Arrays.SymbolicMask[e];
                    double v = 0.0;
                    if (sm != 0.0)
                    {
                        double u = layer.Arrays.SymbolicA[e] * x + layer.Arrays.SymbolicB[e];
                        double fu;
                        if (yTh is double th)
                        {
                            SingularitySafe.Evaluate(layer.Arrays.SymbolicFunctions[e], u, th, out fu, out _);
                        }
                        else
                        {
                            fu = layer.Arrays.SymbolicFunctions[e].Value(u);
                        }

                        v = sm * (layer.Arrays.SymbolicC[e] * fu + layer.Arrays.SymbolicD[e]);
                        buf.Sum[b * nSub + j] += v;
                    }

                    if (keep)
                    {
                        buf.Symbolic[edgeBase + e] = v;
                    }
                }
            }
        }

        /// <summary>
        /// Subnode affine, then each node's product and affine (<see cref="LayerTopology"/>); without
        /// multiplication nodes every node is its one subnode, and <see cref="NodeRows.Forward"/> computes the same
        /// terms directly.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Nodes(NetworkLayer layer, LayerBuffers buf, double[] next, int b)
        {
            int nSub = layer.SubnodeCount, nOut = layer.OutputCount;
            LayerArrays a = layer.Arrays;
            if (layer.Topology.MultArity.IsEmpty)
            {
                NodeRows.Forward(a, nSub, buf.Sum.AsSpan(b * nSub, nSub), buf.Z.AsSpan(b * nSub, nSub), next.AsSpan(b * nSub, nSub));
                return;
            }

            Span<double> zs = buf.Z.AsSpan(b * nSub, nSub);
            buf.Sum.AsSpan(b * nSub, nSub).CopyTo(zs);
            LayerTopology.ApplyAffine(a.SubnodeScale, a.SubnodeBias, zs);
            layer.Topology.EvaluateNodes(zs, a.NodeScale, a.NodeBias, next.AsSpan(b * nOut, nOut));
        }
    }
}
