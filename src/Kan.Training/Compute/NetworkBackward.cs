using System;
using System.Runtime.CompilerServices;
using Kan.Symbolic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The exact analytic backward of <see cref="NetworkForward"/> (what autograd computes through pykan's
    /// <c>MultKAN.forward</c>), per row from the last layer down, on buffers filled by a forward pass with
    /// derivatives. Gradients are added into <c>grads</c>, rows in order.
    /// </summary>
    internal static class NetworkBackward
    {
        /// <summary>
        /// Back-propagates <paramref name="outputGradient"/> (dObjective/dOutput, [rows, out]) for rows [from, to).
        /// <paramref name="extraEdge"/>[l] ([rows, in, sub], gradient with respect to each MASKED numeric edge
        /// activation) and <paramref name="extraInput"/>[l] ([rows, in]) carry the regulariser's per-sample terms;
        /// null when there is none.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(KanNetwork net, LayerBuffers[] layers, double[] outputGradient, double[][]? extraEdge, double[][]? extraInput, bool symbolic, LayerGradients[] grads, int from, int to)
        {
            int w = net.InputWidth;
            foreach (NetworkLayer layer in net.Layers)
            {
                w = Math.Max(w, Math.Max(layer.InputCount, layer.SubnodeCount));
            }

            Span<double> gNode = stackalloc double[w];
            Span<double> gSub = stackalloc double[w];
            int last = layers.Length - 1;
            int nOutLast = net.Layers[last].OutputCount;
            for (int b = from; b < to; b++)
            {
                outputGradient.AsSpan(b * nOutLast, nOutLast).CopyTo(gNode);
                for (int l = last; l >= 0; l--)
                {
                    NetworkLayer layer = net.Layers[l];
                    LayerBuffers buf = layers[l];
                    Nodes(layer, buf, grads[l], b, gNode, gSub);
                    Edges(layer, buf, grads[l], b, gSub, gNode, extraEdge?[l], extraInput?[l], symbolic, needInput: l > 0);
                }
            }
        }

        /// <summary>
        /// Node affine, products and subnode affine (<see cref="LayerTopology"/>): from dOutput
        /// (<paramref name="gNode"/>) to dSum (<paramref name="gSub"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Nodes(NetworkLayer layer, LayerBuffers buf, LayerGradients g, int b, Span<double> gNode, Span<double> gSub)
        {
            int nSub = layer.SubnodeCount;
            LayerTopology topology = layer.Topology;
            LayerArrays a = layer.Arrays;
            ReadOnlySpan<double> z = buf.Z.AsSpan(b * nSub, nSub);
            ReadOnlySpan<double> sum = buf.Sum.AsSpan(b * nSub, nSub);
            for (int n = 0; n < topology.OutputCount; n++)
            {
                double gn = gNode[n];
                g.NodeBias[n] += gn;
                g.NodeScale[n] += gn * topology.Product(z, n);
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
                g.SubnodeBias[j] += gz;
                g.SubnodeScale[j] += gz * sum[j];
                gSub[j] = gz * a.SubnodeScale[j];
            }
        }

        /// <summary>
        /// Edges: from dSum (<paramref name="gSub"/>) to the edge parameters and, when <paramref name="needInput"/>,
        /// to dInput (written into <paramref name="gInput"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Edges(NetworkLayer layer, LayerBuffers buf, LayerGradients g, int b, Span<double> gSub, Span<double> gInput, double[]? exE, double[]? exX, bool symbolic, bool needInput)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, cc = layer.CoefficientCount;
            double[] coef = layer.Arrays.Coefficients, mask = layer.Arrays.Mask, scaleSpline = layer.Arrays.ScaleSpline, scaleBase = layer.Arrays.ScaleBase;
            double[] gCoef = g.Coefficients, gBase = g.ScaleBase, gSpline = g.ScaleSpline;
            double[] basisValues = buf.Basis, basisDerivs = buf.DBasis, splineValues = buf.Spline;
            bool cubic = CubicTerms.Enabled(k);
            for (int i = 0; i < nIn; i++)
            {
                int xi = b * nIn + i;
                double gx = exX is null ? 0.0 : exX[xi];
                int span = buf.Span[xi];
                int first = span - k;
                int bo = xi * (k + 1);
                double bx = buf.Base[xi];
                double dbx = buf.DBase[xi];
                int sampleEdge = xi * nSub;
                // Range of coefficients the k+1 basis values touch, clipped once per input.
                int rFrom = span < 0 ? 0 : Math.Max(0, -first);
                int rTo = span < 0 ? -1 : Math.Min(k, cc - 1 - first);
                if (cubic && rFrom == 0 && rTo == 3)
                {
                    int c0 = i * nSub * cc + first;
                    gx += CubicTerms.Backward(
                        ref coef[c0], ref gCoef[c0], cc, CubicTerms.Load(basisValues, bo), CubicTerms.Load(basisDerivs, bo), bx, dbx,
                        ref scaleBase[i * nSub], ref scaleSpline[i * nSub], ref mask[i * nSub], ref gBase[i * nSub], ref gSpline[i * nSub],
                        ref splineValues[sampleEdge], ref gSub[0], ref exE is null ? ref gBase[i * nSub] : ref exE[sampleEdge], exE is not null, needInput, nSub);
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
                        gBase[e] += gy * bx;
                        gSpline[e] += gy * splineValues[sampleEdge + j];
                        double sp = scaleSpline[e];
                        double wgt = gy * sp;
                        int cm = e * cc + first;
                        double dspline = 0.0;
                        for (int r = rFrom; r <= rTo; r++)
                        {
                            gCoef[cm + r] += wgt * basisValues[bo + r];
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
                    gx += SymbolicEdges(layer, g, buf.X[xi], i, gSub);
                }

                // gInput is the lower layer's gNode: this layer stopped reading it when its nodes were done.
                gInput[i] = gx;
            }
        }

        /// <summary>Gradients of input <paramref name="i"/>'s symbolic edges; returns their part of dInput.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double SymbolicEdges(NetworkLayer layer, LayerGradients g, double x, int i, Span<double> gSub)
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
                double fu = f.Value(u);
                double fp = f.Derivative(u);
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
