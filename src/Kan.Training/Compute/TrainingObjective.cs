using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Kan.Training.Compute
{
    /// <summary>
    /// pykan's fit closure: <c>mean((pred - y)^2) + lamb * reg</c> on one batch, with the regulariser computed only
    /// when lamb &gt; 0 (pykan turns save_act off, and so the regulariser, when lamb == 0). Evaluation returns the
    /// objective and leaves its gradient in <see cref="Gradients"/>.
    /// The batch is streamed through chunk-sized buffers (<see cref="ChunkWorkspace"/>), forward and backward
    /// chunk by chunk, so memory does not grow with the batch; with the regulariser, a first streaming pass
    /// gathers the batch moments it needs (<see cref="EdgeMoments"/>). Each <see cref="RowChunks"/> segment
    /// accumulates its own loss and gradient; segments are summed in order, so results do not depend on threads.
    /// </summary>
    internal sealed class TrainingObjective
    {
        private readonly KanNetwork _net;
        private readonly ConcurrentBag<ChunkWorkspace> _workspaces = new ConcurrentBag<ChunkWorkspace>();
        private readonly FirstLayerBasisCache _cache = new FirstLayerBasisCache();
        private Segment[] _segments = Array.Empty<Segment>();
        private LayerGradients[]? _grads;
        private EdgeMoments? _moments;
        private RegularizerTerms? _terms;
        private Regularizer.Workspace? _regularizerWork;
        private int[] _shape = Array.Empty<int>();
        private LayerKnots[]? _knots;
        private Pass _pass;
        private readonly Action<int> _runSegment;
        private double[][] _knotsFrom = Array.Empty<double[]>();

        public TrainingObjective(KanNetwork net, bool symbolic, double lamb, RegularizerWeights weights)
            : this(net, symbolic, lamb, weights, ComputeOptions.Default)
        {
        }

        public TrainingObjective(KanNetwork net, bool symbolic, double lamb, RegularizerWeights weights, ComputeOptions compute, double? yTh = null)
        {
            YTh = yTh;
            _net = net;
            Symbolic = symbolic;
            Lamb = lamb;
            Weights = weights;
            Compute = compute;
            _runSegment = RunSegment;
        }

        public bool Symbolic { get; }

        /// <summary>The singularity threshold of the symbolic edges (<see cref="ForwardMode.YTh"/>); null for the plain functions.</summary>
        public double? YTh { get; }

        public double Lamb { get; }

        public RegularizerWeights Weights { get; }

        public ComputeOptions Compute { get; }

        public double[] Inputs { get; private set; } = Array.Empty<double>();

        public double[] Labels { get; private set; } = Array.Empty<double>();

        public int Rows { get; private set; }

        /// <summary>MSE of the last evaluation (pykan's global <c>train_loss</c>).</summary>
        public double LastLoss { get; private set; }

        /// <summary>Regulariser of the last evaluation (pykan's global <c>reg_</c>; 0 when lamb == 0).</summary>
        public double LastReg { get; private set; }

        /// <summary>Evaluations of this objective so far.</summary>
        public int Evaluations { get; private set; }

        public LayerGradients[] Gradients => _grads!;

        public void SetBatch(double[] inputs, double[] labels, int rows)
        {
            Inputs = inputs;
            Labels = labels;
            Rows = rows;
            _cache.Invalidate();
        }

        public double Evaluate(bool gradient)
        {
            Evaluations++;
            EnsureShape();
            var chunks = new RowChunks(Rows);
            LayerKnots[] knots = Knots();
            bool withReg = Lamb > 0.0;
            double reg = 0.0;
            double sse = 0.0;
            if (withReg)
            {
                // The regulariser's batch statistics come first: the gradient of each sample needs them.
                sse = Stream(chunks, knots, new ForwardMode(false, Symbolic, keepActivations: true, YTh), collectMoments: true, backward: false);
                _moments!.Clear();
                for (int s = 0; s < chunks.SegmentCount; s++)
                {
                    _moments.Merge(_segments[s].Moments);
                }

                reg = Regularizer.Evaluate(_net, _moments, Weights, Lamb, gradient ? _terms : null, _regularizerWork!);
            }

            if (gradient)
            {
                sse = Stream(chunks, knots, new ForwardMode(true, Symbolic, keepActivations: withReg, YTh), collectMoments: false, backward: true);
                foreach (LayerGradients g in _grads!)
                {
                    g.Clear();
                }

                for (int s = 0; s < chunks.SegmentCount; s++)
                {
                    for (int l = 0; l < _grads.Length; l++)
                    {
                        _grads[l].Add(_segments[s].Gradients[l]);
                    }
                }

                if (withReg)
                {
                    for (int l = 0; l < _net.LayerCount; l++)
                    {
                        Regularizer.CoefficientTerms(_net.Layers[l], Weights, Lamb, _grads[l]);
                    }
                }
            }
            else if (!withReg)
            {
                sse = Stream(chunks, knots, new ForwardMode(false, Symbolic, keepActivations: false, YTh), collectMoments: false, backward: false);
            }

            double loss = sse / ((double)Rows * _net.OutputCount);
            LastLoss = loss;
            LastReg = reg;
            return loss + Lamb * reg;
        }

        /// <summary>
        /// What the passes derive from the knots (<see cref="LayerKnots"/>), rebuilt only when some layer's knots
        /// changed since the last evaluation (a grid update, a refit): between grid updates every evaluation of a
        /// fit would otherwise rebuild the same tables.
        /// </summary>
        private LayerKnots[] Knots()
        {
            bool same = _knots is not null && _knotsFrom.Length == _net.LayerCount;
            for (int l = 0; same && l < _net.LayerCount; l++)
            {
                same = _knotsFrom[l].AsSpan().SequenceEqual(_net.Layers[l].Arrays.Knots);
            }

            if (!same)
            {
                _knots = LayerKnots.Build(_net);
                _knotsFrom = new double[_net.LayerCount][];
                for (int l = 0; l < _net.LayerCount; l++)
                {
                    _knotsFrom[l] = (double[])_net.Layers[l].Arrays.Knots.Clone();
                }
            }

            return _knots!;
        }

        /// <summary>One streaming pass over the batch; returns the summed squared error.</summary>
        private double Stream(RowChunks chunks, LayerKnots[] knots, ForwardMode mode, bool collectMoments, bool backward)
        {
            bool useCache = FirstLayerBasisCache.Fits(_net, Rows);
            bool cached = useCache && _cache.Serves(_net, mode.Derivatives);
            bool fill = useCache && !cached;
            if (fill)
            {
                _cache.Begin(_net, Rows, mode.Derivatives);
            }

            _pass = new Pass(chunks, knots, mode, collectMoments, backward, useCache, cached);
            chunks.ForEachSegment(Compute, RowChunks.WorkPerRow(_net), _runSegment);
            if (fill)
            {
                _cache.Complete();
            }

            return SegmentSse(chunks);
        }

        /// <summary>One segment of the current pass (<see cref="_pass"/>): its chunks in order, on a pooled workspace.</summary>
        private void RunSegment(int s)
        {
            Pass pass = _pass;
            Segment segment = _segments[s];
            if (!_workspaces.TryTake(out ChunkWorkspace? ws))
            {
                ws = new ChunkWorkspace(_net);
            }

            segment.Sse = 0.0;
            if (pass.CollectMoments)
            {
                segment.Moments.Clear();
            }

            if (pass.Backward)
            {
                foreach (LayerGradients g in segment.Gradients)
                {
                    g.Clear();
                }
            }

            (int firstChunk, int endChunk) = pass.Chunks.Segment(s);
            for (int c = firstChunk; c < endChunk; c++)
            {
                segment.Sse += Chunk(ws, segment, pass.Knots, pass.Mode, c, pass.Chunks.Start(c), pass.Chunks.Length(c), pass.UseCache, pass.Cached, pass.CollectMoments, pass.Backward);
            }

            _workspaces.Add(ws);
        }

        private double SegmentSse(RowChunks chunks)
        {
            double sse = 0.0;
            for (int s = 0; s < chunks.SegmentCount; s++)
            {
                sse += _segments[s].Sse;
            }

            return sse;
        }

        /// <summary>
        /// Forward (and backward) of chunk <paramref name="c"/>, batch rows [row, row + count), in chunk rows [0, count);
        /// with <paramref name="useCache"/> the first layer's per-input arrays are the cache's for this chunk, filled
        /// by this pass unless <paramref name="cached"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double Chunk(ChunkWorkspace ws, Segment segment, LayerKnots[] knots, ForwardMode mode, int c, int row, int count, bool useCache, bool cached, bool collectMoments, bool backward)
        {
            LayerBuffers first = ws.Layers[0];
            NetworkForward.LoadInputs(_net, Inputs, row, first, 0, count);
            if (useCache)
            {
                first.Use(_cache.Chunk(c));
            }
            else
            {
                first.UseOwn();
            }

            NetworkForward.Layers(_net, knots, ws.Layers, ws.Output, 0, count, mode, firstBasisReady: cached, Compute.Vectors);

            if (collectMoments)
            {
                segment.Moments.AddRows(_net, ws.Layers, 0, count, ws.Moments);
            }

            int nOut = _net.OutputCount;
            double sse = SquaredErrors(ws.Output, Labels.AsSpan(row * nOut, count * nOut), ws.OutputGradient, 2.0 / ((double)Rows * nOut));

            if (backward)
            {
                bool withReg = Lamb > 0.0;
                if (withReg)
                {
                    _terms!.Write(_net, ws.Layers, 0, count, ws.ExtraEdge, ws.ExtraInput);
                }

                NetworkBackward.Run(_net, ws.Layers, ws.OutputGradient, withReg ? ws.ExtraEdge : null, withReg ? ws.ExtraInput : null, Symbolic, YTh, segment.Gradients, ws.Lanes, 0, count, ws.BackwardScratch, Compute.Vectors);
            }

            return sse;
        }

        /// <summary>
        /// The chunk's summed squared error against <paramref name="labels"/>, and dLoss/dOutput (<paramref name="scale"/>
        /// times the error) into <paramref name="gradient"/>; a method of its own so the sum stays in a register.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double SquaredErrors(double[] output, ReadOnlySpan<double> labels, double[] gradient, double scale)
        {
            ReadOnlySpan<double> o = output.AsSpan(0, labels.Length);
            Span<double> g = gradient.AsSpan(0, labels.Length);
            double sse = 0.0;
            for (int q = 0; q < labels.Length; q++)
            {
                double d = o[q] - labels[q];
                sse += d * d;
                g[q] = scale * d;
            }

            return sse;
        }

        /// <summary>(Re)allocates the per-segment state when the network's shapes changed (a grid refit changes coefficient counts).</summary>
        private void EnsureShape()
        {
            int length = _net.LayerCount * 4 + 1;
            Span<int> shape = length <= 64 ? stackalloc int[length] : new int[length];
            shape[0] = Rows;
            for (int l = 0; l < _net.LayerCount; l++)
            {
                NetworkLayer layer = _net.Layers[l];
                shape[4 * l + 1] = layer.InputCount;
                shape[4 * l + 2] = layer.SubnodeCount;
                shape[4 * l + 3] = layer.Coefficients.Length;
                shape[4 * l + 4] = layer.K;
            }

            bool sameNetwork = shape.Slice(1).SequenceEqual(_shape.AsSpan(Math.Min(1, _shape.Length)));
            if (sameNetwork && _shape[0] == Rows)
            {
                return;
            }

            if (!sameNetwork)
            {
                _workspaces.Clear();
                _cache.Invalidate();
                _knots = null;
                _grads = NewGradients();
                _moments = new EdgeMoments(_net);
                _terms = new RegularizerTerms(_net);
                _regularizerWork = new Regularizer.Workspace(_net);
            }

            var chunks = new RowChunks(Rows);
            _segments = new Segment[chunks.SegmentCount];
            for (int s = 0; s < _segments.Length; s++)
            {
                _segments[s] = new Segment(NewGradients(), new EdgeMoments(_net));
            }

            _shape = shape.ToArray();
        }

        private LayerGradients[] NewGradients()
        {
            var g = new LayerGradients[_net.LayerCount];
            for (int l = 0; l < g.Length; l++)
            {
                g[l] = new LayerGradients(_net.Layers[l]);
            }

            return g;
        }

        /// <summary>
        /// What every segment of a pass shares, set before the segments start and only read while they run (one
        /// delegate for all passes instead of a closure allocated per pass).
        /// </summary>
        private readonly struct Pass
        {
            public Pass(RowChunks chunks, LayerKnots[] knots, ForwardMode mode, bool collectMoments, bool backward, bool useCache, bool cached)
            {
                Chunks = chunks;
                Knots = knots;
                Mode = mode;
                CollectMoments = collectMoments;
                Backward = backward;
                UseCache = useCache;
                Cached = cached;
            }

            public RowChunks Chunks { get; }

            public LayerKnots[] Knots { get; }

            public ForwardMode Mode { get; }

            public bool CollectMoments { get; }

            public bool Backward { get; }

            /// <summary>The first layer's per-input arrays are the cache's (<see cref="FirstLayerBasisCache"/>).</summary>
            public bool UseCache { get; }

            /// <summary>... and already filled.</summary>
            public bool Cached { get; }
        }

        /// <summary>What one segment accumulates over its chunks.</summary>
        private sealed class Segment
        {
            public Segment(LayerGradients[] gradients, EdgeMoments moments)
            {
                Gradients = gradients;
                Moments = moments;
            }

            public LayerGradients[] Gradients { get; }

            public EdgeMoments Moments { get; }

            public double Sse { get; set; }
        }
    }
}
