using System;

namespace Kan.Training.Compute
{
    /// <summary>Weights of pykan's <c>get_reg</c> terms.</summary>
    internal readonly struct RegularizerWeights
    {
        public RegularizerWeights(double l1, double entropy, double coef, double coefDiff)
        {
            L1 = l1;
            Entropy = entropy;
            Coef = coef;
            CoefDiff = coefDiff;
        }

        public double L1 { get; }

        public double Entropy { get; }

        public double Coef { get; }

        public double CoefDiff { get; }
    }

    /// <summary>
    /// pykan's regulariser <c>MultKAN.get_reg(reg_metric='edge_forward_spline_n', ...)</c> and its exact gradient.
    /// Per layer, edge magnitude <c>v[j,i] = std_b(mask*(sb*b(x)+sp*spline)) / (std_b(x_i) + 0.1)</c> (unbiased std
    /// over the batch, as torch.std; pykan's <c>acts_scale_spline</c>, shape [out, in]); then
    /// <c>l1 = sum v</c>, row/column distributions <c>p = v / (sum + 1)</c>, entropies
    /// <c>-mean(sum p*log2(p + 1e-4))</c>, reg += lamb_l1*l1 + lamb_entropy*(entropy_row + entropy_col); plus
    /// lamb_coef * sum_{i,m} mean_j |coef| and lamb_coefdiff * the same of |diff(coef)|.
    /// The std's gradient is taken as zero where the batch is constant up to rounding (torch would give NaN or noise).
    /// </summary>
    internal static class Regularizer
    {
        private const double InputRangeOffset = 0.1;
        private const double RowColumnOffset = 1.0;
        private const double LogOffset = 1e-4;

        /// <summary>
        /// Returns the regulariser of the batch whose moments are <paramref name="moments"/>. When
        /// <paramref name="terms"/> is given, fills it with what the per-sample gradient terms need (see
        /// <see cref="RegularizerTerms.Write"/>), scaled by <paramref name="scale"/>. The coefficient terms'
        /// gradients are added separately (<see cref="CoefficientTerms"/>), once per evaluation.
        /// </summary>
        public static double Evaluate(KanNetwork net, EdgeMoments moments, RegularizerWeights w, double scale, RegularizerTerms? terms, Workspace work)
        {
            long rows = moments.Count;
            double reg = 0.0;
            double inv = 1.0 / Math.Log(2.0);
            for (int l = 0; l < net.LayerCount; l++)
            {
                NetworkLayer layer = net.Layers[l];
                int nIn = layer.InputCount, nSub = layer.SubnodeCount;
                double[] meanX = moments.MeanX[l], meanY = moments.MeanY[l];
                int ne = nIn * nSub;
                Span<double> stdX = work.StdX.AsSpan(0, nIn), colSum = work.ColSum.AsSpan(0, nIn), colDot = work.ColDot.AsSpan(0, nIn);
                Span<double> rowSum = work.RowSum.AsSpan(0, nSub), rowDot = work.RowDot.AsSpan(0, nSub);
                Span<double> stdY = work.StdY.AsSpan(0, ne), v = work.V.AsSpan(0, ne), hRow = work.HRow.AsSpan(0, ne);
                Span<double> hCol = work.HCol.AsSpan(0, ne), pRow = work.PRow.AsSpan(0, ne), pCol = work.PCol.AsSpan(0, ne);
                // The sums below start from zero; every other array is written before it is read.
                colSum.Clear();
                colDot.Clear();
                rowSum.Clear();
                rowDot.Clear();
                for (int i = 0; i < nIn; i++)
                {
                    stdX[i] = Math.Sqrt(moments.SquaresX[l][i] / (rows - 1));
                }

                // v[j, i] as pykan's [out, in] layout, stored [i, j] here like every per-edge array.
                for (int e = 0; e < nIn * nSub; e++)
                {
                    stdY[e] = Math.Sqrt(moments.SquaresY[l][e] / (rows - 1));
                    v[e] = stdY[e] / (stdX[e / nSub] + InputRangeOffset);
                }

                double l1 = 0;
                for (int i = 0; i < nIn; i++)
                {
                    for (int j = 0; j < nSub; j++)
                    {
                        double x = v[i * nSub + j];
                        l1 += x;
                        rowSum[j] += x;
                        colSum[i] += x;
                    }
                }

                double entropyRow = 0, entropyCol = 0;
                for (int i = 0; i < nIn; i++)
                {
                    for (int j = 0; j < nSub; j++)
                    {
                        int e = i * nSub + j;
                        double pr = pRow[e] = v[e] / (rowSum[j] + RowColumnOffset);
                        double pc = pCol[e] = v[e] / (colSum[i] + RowColumnOffset);
                        entropyRow -= pr * Math.Log(pr + LogOffset) * inv;
                        entropyCol -= pc * Math.Log(pc + LogOffset) * inv;
                        hRow[e] = -(Math.Log(pr + LogOffset) * inv + pr / (pr + LogOffset) * inv) / nSub;
                        hCol[e] = -(Math.Log(pc + LogOffset) * inv + pc / (pc + LogOffset) * inv) / nIn;
                    }
                }

                entropyRow /= nSub;
                entropyCol /= nIn;
                reg += w.L1 * l1 + w.Entropy * (entropyRow + entropyCol);

                if (terms is not null)
                {
                    for (int i = 0; i < nIn; i++)
                    {
                        for (int j = 0; j < nSub; j++)
                        {
                            int e = i * nSub + j;
                            rowDot[j] += hRow[e] * pRow[e];
                            colDot[i] += hCol[e] * pCol[e];
                        }
                    }

                    double[] inputFactor = terms.InputFactor[l], edgeFactor = terms.EdgeFactor[l];
                    Array.Clear(inputFactor, 0, nIn);
                    for (int i = 0; i < nIn; i++)
                    {
                        double r = stdX[i] + InputRangeOffset;
                        for (int j = 0; j < nSub; j++)
                        {
                            int e = i * nSub + j;
                            double gv = w.L1 + w.Entropy * ((hRow[e] - rowDot[j]) / (rowSum[j] + RowColumnOffset) + (hCol[e] - colDot[i]) / (colSum[i] + RowColumnOffset));
                            // d std / d y_b = (y_b - mean) / ((rows - 1) std); zero where std is not differentiable.
                            edgeFactor[e] = IsFlat(stdY[e], meanY[e]) ? 0.0 : scale * gv / r / ((rows - 1) * stdY[e]);
                            inputFactor[i] -= gv * stdY[e] / (r * r);
                        }

                        inputFactor[i] = IsFlat(stdX[i], meanX[i]) ? 0.0 : scale * inputFactor[i] / ((rows - 1) * stdX[i]);
                    }

                    Array.Copy(meanX, terms.MeanX[l], nIn);
                    Array.Copy(meanY, terms.MeanY[l], nIn * nSub);
                }

                reg += CoefficientTerms(layer, w, scale, null);
            }

            return reg;
        }

        /// <summary>
        /// The per-layer arrays of <see cref="Evaluate"/>, sized once for the network's widest layer, so an evaluation
        /// allocates nothing.
        /// </summary>
        internal sealed class Workspace
        {
            public Workspace(KanNetwork net)
            {
                int nIn = 1, nSub = 1, edges = 1;
                for (int l = 0; l < net.LayerCount; l++)
                {
                    NetworkLayer layer = net.Layers[l];
                    nIn = Math.Max(nIn, layer.InputCount);
                    nSub = Math.Max(nSub, layer.SubnodeCount);
                    edges = Math.Max(edges, layer.InputCount * layer.SubnodeCount);
                }

                StdX = new double[nIn];
                ColSum = new double[nIn];
                ColDot = new double[nIn];
                RowSum = new double[nSub];
                RowDot = new double[nSub];
                StdY = new double[edges];
                V = new double[edges];
                HRow = new double[edges];
                HCol = new double[edges];
                PRow = new double[edges];
                PCol = new double[edges];
            }

            /// <summary>Per input.</summary>
            public double[] StdX { get; }

            public double[] ColSum { get; }

            public double[] ColDot { get; }

            /// <summary>Per subnode.</summary>
            public double[] RowSum { get; }

            public double[] RowDot { get; }

            /// <summary>Per edge.</summary>
            public double[] StdY { get; }

            public double[] V { get; }

            public double[] HRow { get; }

            public double[] HCol { get; }

            public double[] PRow { get; }

            public double[] PCol { get; }
        }

        /// <summary>
        /// A batch whose std is zero up to rounding (e.g. a node fed only by masked edges): std is not
        /// differentiable there, so its gradient is taken as 0 instead of amplifying rounding noise.
        /// </summary>
        private static bool IsFlat(double std, double mean) => !(std > 1e-12 * Math.Max(1e-300, Math.Abs(mean)));

        internal static double CoefficientTerms(NetworkLayer layer, RegularizerWeights w, double scale, LayerGradients? g)
        {
            if (w.Coef == 0.0 && w.CoefDiff == 0.0)
            {
                return 0.0;
            }

            // torch.mean(..., dim=1) averages over the output (subnode) axis of coef [in, out, G+k].
            int cc = layer.CoefficientCount;
            double perOut = 1.0 / layer.SubnodeCount;
            double l1 = 0, diff = 0;
            double[] c = layer.Arrays.Coefficients;
            for (int e = 0; e < layer.InputCount * layer.SubnodeCount; e++)
            {
                int s = e * cc;
                for (int m = 0; m < cc; m++)
                {
                    l1 += Math.Abs(c[s + m]) * perOut;
                    if (g is not null)
                    {
                        g.Coefficients[s + m] += scale * w.Coef * Math.Sign(c[s + m]) * perOut;
                    }

                    if (m + 1 < cc)
                    {
                        double d = c[s + m + 1] - c[s + m];
                        diff += Math.Abs(d) * perOut;
                        if (g is not null)
                        {
                            double gd = scale * w.CoefDiff * Math.Sign(d) * perOut;
                            g.Coefficients[s + m + 1] += gd;
                            g.Coefficients[s + m] -= gd;
                        }
                    }
                }
            }

            return w.Coef * l1 + w.CoefDiff * diff;
        }
    }
}
