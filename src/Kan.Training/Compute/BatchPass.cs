using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Kan.Evaluation;
using Kan.Splines;
using Kan.Symbolic;

namespace Kan.Training.Compute
{
    /// <summary>
    /// Batched forward and exact analytic backward of a <see cref="KanNetwork"/> (pykan <c>MultKAN.forward</c>
    /// and what autograd computes through it). Buffers are allocated once per batch size and reused; the batch is
    /// split into fixed-size chunks processed in parallel, each chunk writing only its own rows and its own gradient
    /// buffers, which are then summed in chunk order — so results never depend on thread timing.
    /// The hot loops are marked AggressiveOptimization so a short fit does not spend its time in tier-0 code.
    /// </summary>
    internal sealed class BatchPass
    {
        /// <summary>Rows per parallel chunk; fixed so the reduction order depends only on the batch size.</summary>
        internal const int ChunkRows = 128;

        private readonly KanNetwork _net;
        private readonly LayerGradients[][] _chunkGradients;
        private readonly int _maxWidth;
        private readonly long _workPerPass;
        private readonly double[][] _reciprocals;
        private readonly bool[][] _zeroWidth;
        private bool _reuseFirstLayer;
        private double[]? _cachedInputs;
        private bool _cachedDerivatives;
        private double[]? _cachedScale;
        private double[]? _cachedBias;
        private double[]? _cachedKnots;

        public BatchPass(KanNetwork net, int rows)
        {
            _net = net;
            Rows = rows;
            Layers = new LayerBuffers[net.LayerCount];
            int maxWidth = net.InputWidth;
            for (int l = 0; l < Layers.Length; l++)
            {
                Layers[l] = new LayerBuffers(net.Layers[l], rows);
                maxWidth = Math.Max(maxWidth, Math.Max(net.Layers[l].InputCount, net.Layers[l].SubnodeCount));
            }

            _maxWidth = maxWidth;
            long work = 0;
            foreach (NetworkLayer layer in net.Layers)
            {
                work += (long)layer.InputCount * (layer.SubnodeCount + layer.K + 1);
            }

            _workPerPass = work * rows;
            _reciprocals = new double[Layers.Length][];
            _zeroWidth = new bool[Layers.Length][];
            Output = new double[rows * net.Layers[net.LayerCount - 1].OutputCount];
            ChunkCount = (rows + ChunkRows - 1) / ChunkRows;
            _chunkGradients = new LayerGradients[ChunkCount][];
        }

        public int Rows { get; }

        public int ChunkCount { get; }

        public LayerBuffers[] Layers { get; }

        /// <summary>Network outputs [rows, out].</summary>
        public double[] Output { get; }

        /// <summary>Whether the symbolic branch was evaluated (pykan <c>symbolic_enabled</c> after <c>disable_symbolic_in_fit</c>).</summary>
        public bool SymbolicEnabled { get; private set; }

        /// <summary>Checks the pass still matches the network's shapes (grid refits change coefficient counts).</summary>
        public bool Fits(KanNetwork net, int rows)
        {
            if (!ReferenceEquals(net, _net) || rows != Rows)
            {
                return false;
            }

            for (int l = 0; l < Layers.Length; l++)
            {
                if (Layers[l].X.Length != rows * net.Layers[l].InputCount || Layers[l].Spline.Length != rows * net.Layers[l].InputCount * net.Layers[l].SubnodeCount)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Runs the forward pass on raw caller rows (<paramref name="inputs"/> is rows x caller columns): input
        /// normalisation, input-id selection, then every layer.
        /// </summary>
        public void Forward(double[] inputs, bool symbolicEnabled, bool derivatives)
        {
            SymbolicEnabled = symbolicEnabled;
            for (int l = 0; l < Layers.Length; l++)
            {
                _reciprocals[l] = ReciprocalBasis.Build(_net.Layers[l], out _zeroWidth[l]);
            }

            // The first layer's inputs are the data themselves: while the rows, the normalisation and the first
            // layer's knots stay the same (every evaluation of a full-batch fit between grid updates), its spans,
            // basis values, derivatives and base function are reused instead of recomputed.
            NetworkLayer first = _net.Layers[0];
            _reuseFirstLayer = ReferenceEquals(inputs, _cachedInputs) && (!derivatives || _cachedDerivatives) &&
                ReferenceEquals(_net.InputScale, _cachedScale) && ReferenceEquals(_net.InputBias, _cachedBias) &&
                _cachedKnots is not null && first.Arrays.Knots.AsSpan().SequenceEqual(_cachedKnots);
            if (!_reuseFirstLayer)
            {
                _cachedInputs = inputs;
                _cachedDerivatives = derivatives;
                _cachedScale = _net.InputScale;
                _cachedBias = _net.InputBias;
                _cachedKnots = (double[])first.Arrays.Knots.Clone();
            }

            ForEachChunk(c =>
            {
                int start = c * ChunkRows;
                int end = Math.Min(Rows, start + ChunkRows);
                ForwardRows(inputs, start, end, derivatives);
            });
        }

        internal static bool Sequential = Environment.GetEnvironmentVariable("KAN_SEQ") == "1";

        /// <summary>
        /// Below this much work per pass (rows x (edges + basis values)) chunks run on the calling thread, where the
        /// thread hand-off would cost more than it saves (a few hundred rows of a [2,5,1] network). fit-toy (1000 rows,
        /// 43k) runs in parallel: 0.52 s against 0.70 s sequential on the 2-core machine when quiet. Results are
        /// identical either way.
        /// </summary>
        internal static long ParallelWorkThreshold = 20_000;

        private void ForEachChunk(Action<int> body)
        {
            if (Sequential || ChunkCount == 1 || _workPerPass < ParallelWorkThreshold)
            {
                for (int c = 0; c < ChunkCount; c++)
                {
                    body(c);
                }
            }
            else
            {
                Parallel.For(0, ChunkCount, body);
            }
        }

        private void ForwardRows(double[] inputs, int start, int end, bool derivatives)
        {
            KanNetwork net = _net;
            int cols = net.CallerInputCount;
            LayerBuffers first = Layers[0];
            int n0 = net.Layers[0].InputCount;
            for (int b = start; b < end && !_reuseFirstLayer; b++)
            {
                for (int i = 0; i < n0; i++)
                {
                    int c = net.InputColumn(i);
                    double x = inputs[b * cols + c];
                    first.X[b * n0 + i] = net.InputScale is null ? x : net.InputScale[c] * x + net.InputBias![c];
                }
            }

            for (int l = 0; l < Layers.Length; l++)
            {
                NetworkLayer layer = net.Layers[l];
                LayerBuffers buf = Layers[l];
                double[] next = l + 1 < Layers.Length ? Layers[l + 1].X : Output;
                ForwardLayer(layer, buf, next, start, end, derivatives, l == 0 && _reuseFirstLayer);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ForwardLayer(NetworkLayer layer, LayerBuffers buf, double[] next, int start, int end, bool derivatives, bool reuseBasis)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, kc = layer.KnotCount, cc = layer.CoefficientCount;
            double[] coef = layer.Arrays.Coefficients, sbase = layer.Arrays.ScaleBase, ssp = layer.Arrays.ScaleSpline, mask = layer.Arrays.Mask;
            double[] basisValues = buf.Basis, splineOut = buf.Spline, numericOut = buf.Numeric;
            int layerIndex = Array.IndexOf(Layers, buf);
            double[] reciprocals = _reciprocals[layerIndex];
            bool[] zeroWidth = _zeroWidth[layerIndex];
            bool symbolic = SymbolicEnabled;
            for (int b = start; b < end; b++)
            {
                Span<double> sum = buf.Sum.AsSpan(b * nSub, nSub);
                sum.Clear();
                for (int i = 0; i < nIn; i++)
                {
                    int xi = b * nIn + i;
                    double x = buf.X[xi];
                    double bx;
                    int span;
                    if (reuseBasis)
                    {
                        bx = buf.Base[xi];
                        span = buf.Span[xi];
                    }
                    else
                    {
                        (bx, span) = InputBasis(layer, buf, reciprocals, zeroWidth[i], i, xi, x, derivatives);
                    }

                    int rowEdge = i * nSub;
                    int sampleEdge = b * nIn * nSub + rowEdge;
                    int first = span - k;
                    // Same terms in the same order as KanEvaluator, with the coefficient range clipped once.
                    int rFrom = span < 0 ? 0 : Math.Max(0, -first);
                    int rTo = span < 0 ? -1 : Math.Min(k, cc - 1 - first);
                    int bo = xi * (k + 1);
                    for (int j = 0; j < nSub; j++)
                    {
                        int e = rowEdge + j;
                        double spline = 0.0;
                        int cm = e * cc + first;
                        for (int r = rFrom; r <= rTo; r++)
                        {
                            spline += coef[cm + r] * basisValues[bo + r];
                        }

                        double numeric = sbase[e] * bx + ssp[e] * spline;
                        splineOut[sampleEdge + j] = spline;
                        numericOut[sampleEdge + j] = numeric;
                        double mk = mask[e];
                        if (mk != 0.0)
                        {
                            sum[j] += mk * numeric;
                        }
                    }
                }

                // Symbolic edges after all numeric ones, in (input, subnode) order, as KanEvaluator adds them.
                int edgeBase = b * nIn * nSub;
                if (symbolic)
                {
                    for (int i = 0; i < nIn; i++)
                    {
                        double x = buf.X[b * nIn + i];
                        for (int j = 0; j < nSub; j++)
                        {
                            int e = i * nSub + j;
                            double sm = layer.SymbolicMask[e];
                            double v = 0.0;
                            if (sm != 0.0)
                            {
                                v = sm * (layer.Arrays.SymbolicC[e] * layer.Arrays.SymbolicFunctions[e].Value(layer.Arrays.SymbolicA[e] * x + layer.Arrays.SymbolicB[e]) + layer.Arrays.SymbolicD[e]);
                                sum[j] += v;
                            }

                            buf.Symbolic[edgeBase + e] = v;
                        }
                    }
                }
                else
                {
                    buf.Symbolic.AsSpan(edgeBase, nIn * nSub).Clear();
                }

                Span<double> z = buf.Z.AsSpan(b * nSub, nSub);
                for (int j = 0; j < nSub; j++)
                {
                    z[j] = layer.SubnodeScale[j] * sum[j] + layer.SubnodeBias[j];
                }

                int nOut = layer.OutputCount;
                Span<double> target = next.AsSpan(b * nOut, nOut);
                for (int n = 0; n < layer.SumCount; n++)
                {
                    target[n] = layer.NodeScale[n] * z[n] + layer.NodeBias[n];
                }

                int operand = layer.SumCount;
                for (int m = 0; m < layer.MultArity.Length; m++)
                {
                    double product = z[operand] * z[operand + 1];
                    for (int a = 2; a < layer.MultArity[m]; a++)
                    {
                        product *= z[operand + a];
                    }

                    operand += layer.MultArity[m];
                    int n = layer.SumCount + m;
                    target[n] = layer.NodeScale[n] * product + layer.NodeBias[n];
                }
            }
        }

        /// <summary>Base function (and derivative), knot span and basis values (and derivatives) of one layer input.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static (double Base, int Span) InputBasis(NetworkLayer layer, LayerBuffers buf, double[] reciprocals, bool zeroWidth, int i, int xi, double x, bool derivatives)
        {
            int k = layer.K, kc = layer.KnotCount;
            double[] basisValues = buf.Basis;
            double bx;
            if (layer.BaseFunction == BaseFunction.Silu && derivatives)
            {
                // One exp for silu and its derivative; bx is computed exactly as BaseFunctions.Value does.
                double e = Math.Exp(-x);
                bx = x / (1.0 + e);
                double sig = 1.0 / (1.0 + e);
                buf.DBase[xi] = sig * (1.0 + x * (1.0 - sig));
            }
            else
            {
                bx = BaseFunctions.Value(layer.BaseFunction, x);
                if (derivatives)
                {
                    buf.DBase[xi] = BaseDerivative(layer.BaseFunction, x);
                }
            }

            buf.Base[xi] = bx;
            ReadOnlySpan<double> knots = layer.Arrays.Knots.AsSpan(i * kc, kc);
            int span = ReciprocalBasis.FindSpan(knots, x);
            buf.Span[xi] = span;
            if (span >= 0)
            {
                ReciprocalBasis.Evaluate(layer.Arrays.Knots, i * kc, kc, reciprocals, i * k * kc, k, span, x, basisValues, derivatives ? buf.DBasis : null, xi * (k + 1), zeroWidth);
            }
            else
            {
                Array.Clear(basisValues, xi * (k + 1), k + 1);
                if (derivatives)
                {
                    Array.Clear(buf.DBasis, xi * (k + 1), k + 1);
                }
            }

            return (bx, span);
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

        /// <summary>
        /// Back-propagates <paramref name="outputGradient"/> (dObjective/dOutput, [rows, out]) after
        /// <see cref="Forward"/> with derivatives. <paramref name="extraEdge"/>[l] ([rows, in, sub], gradient with
        /// respect to each MASKED numeric edge activation) and <paramref name="extraInput"/>[l] ([rows, in]) carry
        /// the regulariser's per-sample terms; null when there is none. Writes the summed gradient into
        /// <paramref name="total"/> (cleared first).
        /// </summary>
        public void Backward(double[] outputGradient, double[][]? extraEdge, double[][]? extraInput, LayerGradients[] total)
        {
            ForEachChunk(c =>
            {
                LayerGradients[] g = _chunkGradients[c] ??= NewGradients();
                if (g[0].Coefficients.Length != _net.Layers[0].Coefficients.Length || !Same(g))
                {
                    g = _chunkGradients[c] = NewGradients();
                }

                foreach (LayerGradients lg in g)
                {
                    lg.Clear();
                }

                int start = c * ChunkRows;
                BackwardRows(outputGradient, extraEdge, extraInput, g, start, Math.Min(Rows, start + ChunkRows));
            });

            foreach (LayerGradients lg in total)
            {
                lg.Clear();
            }

            for (int c = 0; c < ChunkCount; c++)
            {
                for (int l = 0; l < total.Length; l++)
                {
                    total[l].Add(_chunkGradients[c][l]);
                }
            }
        }

        private bool Same(LayerGradients[] g)
        {
            for (int l = 0; l < g.Length; l++)
            {
                if (g[l].Coefficients.Length != _net.Layers[l].Coefficients.Length || g[l].ScaleBase.Length != _net.Layers[l].ScaleBase.Length)
                {
                    return false;
                }
            }

            return true;
        }

        internal LayerGradients[] NewGradients()
        {
            var g = new LayerGradients[_net.LayerCount];
            for (int l = 0; l < g.Length; l++)
            {
                g[l] = new LayerGradients(_net.Layers[l]);
            }

            return g;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BackwardRows(double[] outputGradient, double[][]? extraEdge, double[][]? extraInput, LayerGradients[] grads, int start, int end)
        {
            int w = _maxWidth;
            Span<double> gNode = stackalloc double[w];
            Span<double> gPrev = stackalloc double[w];
            Span<double> gSub = stackalloc double[w];
            int last = Layers.Length - 1;
            int nOutLast = _net.Layers[last].OutputCount;
            for (int b = start; b < end; b++)
            {
                outputGradient.AsSpan(b * nOutLast, nOutLast).CopyTo(gNode);
                for (int l = last; l >= 0; l--)
                {
                    NetworkLayer layer = _net.Layers[l];
                    LayerBuffers buf = Layers[l];
                    LayerGradients g = grads[l];
                    int nIn = layer.InputCount, nSub = layer.SubnodeCount, k = layer.K, cc = layer.CoefficientCount;
                    ReadOnlySpan<double> z = buf.Z.AsSpan(b * nSub, nSub);
                    ReadOnlySpan<double> sum = buf.Sum.AsSpan(b * nSub, nSub);

                    // Node affine and multiplication.
                    for (int n = 0; n < layer.SumCount; n++)
                    {
                        double gn = gNode[n];
                        g.NodeBias[n] += gn;
                        g.NodeScale[n] += gn * z[n];
                        gSub[n] = gn * layer.NodeScale[n];
                    }

                    int operand = layer.SumCount;
                    for (int m = 0; m < layer.MultArity.Length; m++)
                    {
                        int n = layer.SumCount + m;
                        int arity = layer.MultArity[m];
                        double product = z[operand] * z[operand + 1];
                        for (int a = 2; a < arity; a++)
                        {
                            product *= z[operand + a];
                        }

                        double gn = gNode[n];
                        g.NodeBias[n] += gn;
                        g.NodeScale[n] += gn * product;
                        double gq = gn * layer.NodeScale[n];
                        for (int a = 0; a < arity; a++)
                        {
                            // Product of the other operands, computed directly so a zero operand is harmless.
                            double others = 1.0;
                            for (int o = 0; o < arity; o++)
                            {
                                if (o != a)
                                {
                                    others *= z[operand + o];
                                }
                            }

                            gSub[operand + a] = gq * others;
                        }

                        operand += arity;
                    }

                    // Subnode affine.
                    for (int j = 0; j < nSub; j++)
                    {
                        double gz = gSub[j];
                        g.SubnodeBias[j] += gz;
                        g.SubnodeScale[j] += gz * sum[j];
                        gSub[j] = gz * layer.SubnodeScale[j];
                    }

                    // Edges.
                    bool needInput = l > 0;
                    double[]? exE = extraEdge?[l];
                    double[]? exX = extraInput?[l];
                    double[] coef = layer.Arrays.Coefficients, mask = layer.Arrays.Mask, scaleSpline = layer.Arrays.ScaleSpline, scaleBase = layer.Arrays.ScaleBase;
                    double[] gCoef = g.Coefficients, gBase = g.ScaleBase, gSpline = g.ScaleSpline;
                    double[] basisValues = buf.Basis, basisDerivs = buf.DBasis, splineValues = buf.Spline;
                    for (int i = 0; i < nIn; i++)
                    {
                        int xi = b * nIn + i;
                        double x = buf.X[xi];
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
                            double dspline = 0.0;
                            double wgt = gy * sp;
                            int cm = e * cc + first;
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

                        if (SymbolicEnabled)
                        {
                            for (int j = 0; j < nSub; j++)
                            {
                                int e = i * nSub + j;
                                double sm = layer.SymbolicMask[e];
                                if (sm == 0.0)
                                {
                                    continue;
                                }

                                SymbolicFunction f = layer.Arrays.SymbolicFunctions[e];
                                double a = layer.SymbolicA[e], c = layer.SymbolicC[e];
                                double u = a * x + layer.SymbolicB[e];
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
                        }

                        gPrev[i] = gx;
                    }

                    if (needInput)
                    {
                        gPrev.Slice(0, nIn).CopyTo(gNode);
                    }
                }
            }
        }
    }
}
