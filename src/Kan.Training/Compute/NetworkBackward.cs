using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Kan.Symbolic;
using Kan.Training.Symbolic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The exact analytic backward of <see cref="NetworkForward"/> (what autograd computes through pykan's
    /// <c>MultKAN.forward</c>), layer by layer from the last one down, each layer over all rows of the range, on
    /// buffers filled by a forward pass with derivatives. The spline parameters' (and trained affines')
    /// gradients gather per row in <see cref="GradientLanes"/>, the rest in row order; either way the order
    /// depends on the rows alone.
    /// </summary>
    internal static class NetworkBackward
    {
        /// <summary>
        /// Back-propagates <paramref name="outputGradient"/> (dObjective/dOutput, [rows, out]) for rows [from, to).
        /// <paramref name="extraEdge"/>[l] ([rows, in, sub], gradient with respect to each MASKED numeric edge
        /// activation) and <paramref name="extraInput"/>[l] ([rows, in]) carry the regulariser's per-sample terms;
        /// null when there is none. <paramref name="scratch"/> holds three [rows, widest layer] arrays
        /// (<see cref="ChunkWorkspace.BackwardScratch"/>). The spline parameters' gradients of these rows gather in
        /// <paramref name="lanes"/> (rows counted from <paramref name="from"/>, a multiple of
        /// <see cref="GradientLanes.Count"/>) and are added to <paramref name="grads"/> at the end.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(KanNetwork net, LayerBuffers[] layers, double[] outputGradient, double[][]? extraEdge, double[][]? extraInput, bool symbolic, double? yTh, LayerGradients[] grads, GradientLanes[] lanes, int from, int to, double[][] scratch, bool vectors)
        {
            // Nothing reads the node and subnode affines' gradients unless they are trained (pykan's affine_trainable).
            bool affine = net.Options.AffineTrainable;
            int last = layers.Length - 1;
            double[] gNode = outputGradient, gSub = scratch[0];
            for (int l = last; l >= 0; l--)
            {
                NetworkLayer layer = net.Layers[l];
                LayerBuffers buf = layers[l];
                // The layer below reads its output gradient from here; never the array this layer reads.
                double[] gInput = gNode == scratch[1] ? scratch[2] : scratch[1];
                if (!affine && layer.Topology.MultArity.IsEmpty)
                {
                    // Every node is its one subnode and nothing reads the affines' gradients: dSum for all rows at once.
                    int n = layer.SubnodeCount;
                    NodeRows.Backward(layer.Arrays, n, gNode.AsSpan(from * n, (to - from) * n), gSub.AsSpan(from * n, (to - from) * n));
                }
                else
                {
                    for (int b = from; b < to; b++)
                    {
                        Nodes(layer, buf, grads[l], lanes[l], b, GradientLanes.Lane(b - from), gNode.AsSpan(b * layer.OutputCount, layer.OutputCount), gSub.AsSpan(b * layer.SubnodeCount, layer.SubnodeCount), affine);
                    }
                }

                Edges(layer, buf, grads[l], lanes[l], from, to, gSub, gInput, extraEdge?[l], extraInput?[l], symbolic, yTh, needInput: l > 0, vectors);
                lanes[l].FoldInto(grads[l]);
                gNode = gInput;
            }
        }

        /// <summary>
        /// Node affine, products and subnode affine (<see cref="LayerTopology"/>): from dOutput
        /// (<paramref name="gNode"/>) to dSum (<paramref name="gSub"/>) for row <paramref name="b"/>, with the
        /// affines' gradients; without multiplication nodes they go to lane <paramref name="lane"/>, with them straight
        /// to <paramref name="g"/>. (Without either, <see cref="Run"/> takes <see cref="NodeRows.Backward"/> instead.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Nodes(NetworkLayer layer, LayerBuffers buf, LayerGradients g, GradientLanes lanes, int b, int lane, ReadOnlySpan<double> gNode, Span<double> gSub, bool affine)
        {
            int nSub = layer.SubnodeCount;
            LayerTopology topology = layer.Topology;
            LayerArrays a = layer.Arrays;
            ReadOnlySpan<double> z = buf.Z.AsSpan(b * nSub, nSub);
            ReadOnlySpan<double> sum = buf.Sum.AsSpan(b * nSub, nSub);
            if (topology.MultArity.IsEmpty)
            {
                // Every node is its one subnode: its product is that subnode and the product of the others 1, so
                // these are the general loops' terms, fused.
                for (int j = 0; j < nSub; j++)
                {
                    int at = j * GradientLanes.Count + lane;
                    double gn = gNode[j];
                    lanes.NodeBias[at] += gn;
                    lanes.NodeScale[at] += gn * z[j];
                    double gz = gn * a.NodeScale[j];
                    lanes.SubnodeBias[at] += gz;
                    lanes.SubnodeScale[at] += gz * sum[j];
                    gSub[j] = gz * a.SubnodeScale[j];
                }

                return;
            }

            for (int n = 0; n < topology.OutputCount; n++)
            {
                double gn = gNode[n];
                if (affine)
                {
                    g.NodeBias[n] += gn;
                    g.NodeScale[n] += gn * topology.Product(z, n);
                }

                double gq = gn * a.NodeScale[n];
                SubnodeRange operands = topology.Operands(n);
                for (int j = operands.Start; j < operands.End; j++)
                {
                    // The product of the other operands, computed directly so a zero operand is harmless.
                    gSub[j] = gq * topology.ProductWithout(z, n, j);
                }
            }

            for (int j = 0; j < nSub; j++)
            {
                double gz = gSub[j];
                if (affine)
                {
                    g.SubnodeBias[j] += gz;
                    g.SubnodeScale[j] += gz * sum[j];
                }

                gSub[j] = gz * a.SubnodeScale[j];
            }
        }

        /// <summary>
        /// Edges of rows [from, to): from dSum (<paramref name="gSubRows"/>, [rows, sub]) to the edge parameters and,
        /// when <paramref name="needInput"/>, to dInput (written into <paramref name="gInputRows"/>, [rows, in]).
        /// Four rows at a time through <see cref="CubicRows"/> where it applies, with the same bits.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Edges(NetworkLayer layer, LayerBuffers buf, LayerGradients g, GradientLanes lanes, int from, int to, double[] gSubRows, double[] gInputRows, double[]? exE, double[]? exX, bool symbolic, double? yTh, bool needInput, bool vectors)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, cc = layer.CoefficientCount, rows = buf.Rows;
            int b = from;
            if (CubicRows.Enabled(layer.K, vectors))
            {
                // Whole four-row blocks input by input (CubicRows.Backward); the rest row by row.
                int end = from + (to - from) / CubicRows.Width * CubicRows.Width;
                for (int i = 0; i < nIn; i++)
                {
                    CubicRows.Backward(layer, buf, g, lanes, i, from, end, gSubRows, gInputRows, exE, exX, symbolic, yTh, needInput);
                }

                b = end;
            }

            for (; b < to; b++)
            {
                for (int i = 0; i < nIn; i++)
                {
                    Input(layer, buf, g, lanes, b, GradientLanes.Lane(b - from), i, gSubRows, gInputRows, exE, exX, symbolic, yTh, needInput);
                }
            }
        }

        /// <summary>The edges of input <paramref name="i"/> at row <paramref name="b"/> (<see cref="Edges"/>), its spline gradients into lane <paramref name="lane"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Input(NetworkLayer layer, LayerBuffers buf, LayerGradients g, GradientLanes lanes, int b, int lane, int i, double[] gSubRows, double[] gInputRows, double[]? exE, double[]? exX, bool symbolic, double? yTh, bool needInput)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, cc = layer.CoefficientCount, rows = buf.Rows;
            double[] coef = layer.Arrays.Coefficients, mask = layer.Arrays.Mask, scaleSpline = layer.Arrays.ScaleSpline, scaleBase = layer.Arrays.ScaleBase;
            double[] gCoef = lanes.Coefficients, gBase = lanes.ScaleBase, gSpline = lanes.ScaleSpline;
            int coefLane = lane * lanes.CoefficientsPerLane;
            double[] basisValues = buf.Basis, basisDerivs = buf.DBasis, splineValues = buf.Spline;
            Span<double> gSub = gSubRows.AsSpan(b * nSub, nSub);
            int xi = b * nIn + i;
            double gx = exX is null ? 0.0 : exX[xi];
            int span = buf.Span[i * rows + b];
            int first = span - k;
            int bo = xi * (k + 1);
            double bx = buf.Base[i * rows + b];
            double dbx = buf.DBase[i * rows + b];
            int sampleEdge = xi * nSub;
            // Range of coefficients the k+1 basis values touch, clipped once per input.
            int rFrom = span < 0 ? 0 : Math.Max(0, -first);
            int rTo = span < 0 ? -1 : Math.Min(k, cc - 1 - first);
            if (CubicTerms.Enabled(k) && rFrom == 0 && rTo == 3)
            {
                int c0 = i * nSub * cc + first;
                gx += CubicTerms.Backward(
                    ref coef[c0], ref gCoef[coefLane + c0], cc, CubicTerms.Load(basisValues, bo), CubicTerms.Load(basisDerivs, bo), bx, dbx,
                    ref scaleBase[i * nSub], ref scaleSpline[i * nSub], ref mask[i * nSub], ref gBase[i * nSub * GradientLanes.Count + lane], ref gSpline[i * nSub * GradientLanes.Count + lane],
                    ref splineValues[sampleEdge], ref gSub[0], ref exE is null ? ref scaleBase[i * nSub] : ref exE[sampleEdge], exE is not null, needInput, nSub);
            }
            else
            {
                for (int j = 0; j < nSub; j++)
                {
                    int e = i * nSub + j;
                    double mk = mask[e];
                    if (mk == 0.0)
                    {
                        continue;
                    }

                    double gy = gSub[j];
                    if (exE is not null)
                    {
                        gy += exE[sampleEdge + j];
                    }

                    gy *= mk;
                    gBase[e * GradientLanes.Count + lane] += gy * bx;
                    gSpline[e * GradientLanes.Count + lane] += gy * splineValues[sampleEdge + j];
                    double sp = scaleSpline[e];
                    double wgt = gy * sp;
                    int cm = e * cc + first;
                    double dspline = 0.0;
                    for (int r = rFrom; r <= rTo; r++)
                    {
                        gCoef[coefLane + cm + r] += wgt * basisValues[bo + r];
                        dspline += coef[cm + r] * basisDerivs[bo + r];
                    }

                    if (needInput)
                    {
                        gx += gy * (scaleBase[e] * dbx + sp * dspline);
                    }
                }
            }

            if (symbolic)
            {
                gx += SymbolicEdges(layer, g, buf.X[xi], i, gSub, yTh);
            }

            if (needInput)
            {
                gInputRows[xi] = gx;
            }
        }

        /// <summary>
        /// Gradients of input <paramref name="i"/>'s symbolic edges (through the singularity-safe variants with
        /// <paramref name="yTh"/>); returns their part of dInput.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static double SymbolicEdges(NetworkLayer layer, LayerGradients g, double x, int i, Span<double> gSub, double? yTh)
        {
            double gx = 0.0;
            int nSub = layer.SubnodeCount;
            for (int j = 0; j < nSub; j++)
            {
                int e = i * nSub + j;
                double sm = layer.Arrays.SymbolicMask[e];
                if (sm == 0.0)
                {
                    continue;
                }

                SymbolicFunction f = layer.Arrays.SymbolicFunctions[e];
                double a = layer.Arrays.SymbolicA[e], c = layer.Arrays.SymbolicC[e];
                double u = a * x + layer.Arrays.SymbolicB[e];
                double gs = gSub[j] * sm;
                double fu, fp;
                if (yTh is double th)
                {
                    SingularitySafe.Evaluate(f, u, th, out fu, out fp);
                }
                else
                {
                    fu = f.Value(u);
                    fp = f.Derivative(u);
                }
                g.SymbolicC[e] += gs * fu;
                g.SymbolicD[e] += gs;
                double inner = gs * c * fp;
                g.SymbolicA[e] += inner * x;
                g.SymbolicB[e] += inner;
                gx += inner * a;
            }

            return gx;
        }
    }
}
