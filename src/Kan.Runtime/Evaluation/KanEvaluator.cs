using System;
using System.Linq;
using Kan.Splines;
using Kan.Symbolic;

namespace Kan.Evaluation
{
    /// <summary>
    /// The reference evaluator: computes a <see cref="KanModel"/> exactly as pykan's <c>MultKAN.forward</c> does.
    /// Training and generated code are tested against it. Each input's basis is computed once and shared by all
    /// of that input's outgoing edges (efficient-kan's reformulation); the node step after the edge sums is
    /// <see cref="LayerTopology"/>'s and b(x) is <see cref="BaseFunctions"/>'. Thread-safe. <see cref="Evaluate(ReadOnlySpan{double}, Span{double})"/>
    /// works on the stack without allocating; models wider than about 500 nodes use a per-thread scratch array instead.
    /// </summary>
    public sealed class KanEvaluator
    {
        private const int StackLimit = 1024;

        private readonly LayerPlan[] _layers;
        private readonly int _maxWidth;
        private readonly int _maxOrder;

        [ThreadStatic]
        private static double[]? t_scratch;

        public KanEvaluator(KanModel model)
        {
            Model = model ?? throw new ArgumentNullException(nameof(model));
            _layers = new LayerPlan[model.Layers.Length];
            int maxWidth = model.InputCount;
            int maxOrder = 1;
            for (int l = 0; l < _layers.Length; l++)
            {
                KanLayer layer = model.Layers[l];
                _layers[l] = new LayerPlan(layer);
                maxWidth = Math.Max(maxWidth, Math.Max(layer.InputCount, layer.SubnodeCount));
                maxOrder = Math.Max(maxOrder, layer.K);
            }

            _maxWidth = maxWidth;
            _maxOrder = maxOrder;
        }

        public KanModel Model { get; }

        public int InputCount => Model.InputCount;

        public int OutputCount => Model.OutputCount;

        /// <summary>Evaluates one input row (<see cref="InputCount"/> values) into <paramref name="output"/>.</summary>
        public void Evaluate(ReadOnlySpan<double> input, Span<double> output)
        {
            if (input.Length != InputCount)
            {
                throw new ArgumentException("Expected " + InputCount + " inputs (" + string.Join(", ", Model.InputNames) + "), got " + input.Length + ".", nameof(input));
            }

            if (output.Length != OutputCount)
            {
                throw new ArgumentException("Expected room for " + OutputCount + " outputs, got " + output.Length + ".", nameof(output));
            }

            int need = 2 * _maxWidth + _maxOrder + 1;
            Span<double> scratch = need <= StackLimit ? stackalloc double[need] : Scratch(need);
            Run(input, output, scratch, null);
        }

        /// <summary>
        /// Evaluates one row and returns what every layer received: element l holds layer l's input vector
        /// (after normalisation and input selection for layer 0), and the last element the model's outputs.
        /// Allocates; meant for plots, scores and tests.
        /// </summary>
        public double[][] Trace(ReadOnlySpan<double> input)
        {
            var trace = new double[_layers.Length + 1][];
            for (int l = 0; l < _layers.Length; l++)
            {
                trace[l] = new double[_layers[l].InputCount];
            }

            trace[_layers.Length] = new double[OutputCount];
            if (input.Length != InputCount)
            {
                throw new ArgumentException("Expected " + InputCount + " inputs, got " + input.Length + ".", nameof(input));
            }

            var scratch = new double[2 * _maxWidth + _maxOrder + 1];
            Run(input, trace[_layers.Length], scratch, trace);
            return trace;
        }

        /// <summary>Evaluates <c>rows</c> rows stored row-major: <paramref name="inputs"/> is rows x InputCount, <paramref name="outputs"/> rows x OutputCount.</summary>
        public void EvaluateBatch(ReadOnlySpan<double> inputs, Span<double> outputs)
        {
            if (inputs.Length % InputCount != 0)
            {
                throw new ArgumentException("The input length " + inputs.Length + " is not a multiple of " + InputCount + " inputs per row.", nameof(inputs));
            }

            int rows = inputs.Length / InputCount;
            if (outputs.Length != rows * OutputCount)
            {
                throw new ArgumentException("Expected room for " + rows + " x " + OutputCount + " outputs, got " + outputs.Length + ".", nameof(outputs));
            }

            for (int r = 0; r < rows; r++)
            {
                Evaluate(inputs.Slice(r * InputCount, InputCount), outputs.Slice(r * OutputCount, OutputCount));
            }
        }

        /// <summary>Convenience overload that allocates its result.</summary>
        public double[] Evaluate(params double[] input)
        {
            var output = new double[OutputCount];
            Evaluate(input, output);
            return output;
        }

        /// <summary>
        /// One edge's contribution to its subnode at layer input value <paramref name="x"/>, before the subnode affine:
        /// the numeric branch (base + spline, masked) and the symbolic branch (masked). For plots and tests.
        /// </summary>
        public EdgeValue EvaluateEdge(int layer, int input, int subnode, double x)
        {
            LayerPlan plan = _layers[layer];
            if ((uint)input >= (uint)plan.InputCount || (uint)subnode >= (uint)plan.SubnodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(input), "Layer " + layer + " has " + plan.InputCount + " inputs and " + plan.SubnodeCount + " subnodes.");
            }

            int e = input * plan.SubnodeCount + subnode;
            double numeric = 0.0;
            if (plan.Mask[e] != 0.0)
            {
                Span<double> basis = stackalloc double[plan.K + 1];
                ReadOnlySpan<double> knots = plan.Knots.AsSpan(input * plan.KnotCount, plan.KnotCount);
                double spline = 0.0;
                int span = BSplineBasis.FindSpan(knots, x);
                if (span >= 0)
                {
                    BSplineBasis.Evaluate(knots, plan.K, span, x, basis);
                    spline = SplineSum(plan, e, span, basis);
                }

                numeric = plan.Mask[e] * (plan.ScaleBase[e] * BaseFunctions.Value(plan.BaseFunction, x) + plan.ScaleSpline[e] * spline);
            }

            double symbolic = 0.0;
            foreach (SymbolicTerm s in plan.Symbolic)
            {
                if (s.Input == input && s.Output == subnode)
                {
                    symbolic += s.Evaluate(x);
                }
            }

            return new EdgeValue(numeric, symbolic);
        }

        private void Run(ReadOnlySpan<double> input, Span<double> output, Span<double> scratch, double[][]? trace)
        {
            Span<double> current = scratch.Slice(0, _maxWidth);
            Span<double> next = scratch.Slice(_maxWidth, _maxWidth);
            Span<double> basis = scratch.Slice(2 * _maxWidth, _maxOrder + 1);

            KanModel model = Model;
            int n0 = _layers[0].InputCount;
            for (int i = 0; i < n0; i++)
            {
                int c = model.InputColumn(i);
                double x = input[c];
                current[i] = model.HasInputNormalization ? model.InputScale[c] * x + model.InputBias[c] : x;
            }

            for (int l = 0; l < _layers.Length; l++)
            {
                LayerPlan plan = _layers[l];
                if (trace is not null)
                {
                    current.Slice(0, plan.InputCount).CopyTo(trace[l]);
                }

                Span<double> sub = next.Slice(0, plan.SubnodeCount);
                sub.Clear();

                // Numeric branch: per input, one span search and one basis, shared by every outgoing edge.
                for (int i = 0; i < plan.InputCount; i++)
                {
                    double x = current[i];
                    double b = BaseFunctions.Value(plan.BaseFunction, x);
                    ReadOnlySpan<double> knots = plan.Knots.AsSpan(i * plan.KnotCount, plan.KnotCount);
                    int span = BSplineBasis.FindSpan(knots, x);
                    if (span >= 0)
                    {
                        BSplineBasis.Evaluate(knots, plan.K, span, x, basis);
                    }

                    int rowStart = i * plan.SubnodeCount;
                    for (int j = 0; j < plan.SubnodeCount; j++)
                    {
                        int e = rowStart + j;
                        double mask = plan.Mask[e];
                        if (mask == 0.0)
                        {
                            continue;
                        }

                        double spline = span >= 0 ? SplineSum(plan, e, span, basis) : 0.0;
                        sub[j] += mask * (plan.ScaleBase[e] * b + plan.ScaleSpline[e] * spline);
                    }
                }

                foreach (SymbolicTerm s in plan.Symbolic)
                {
                    sub[s.Output] += s.Evaluate(current[s.Input]);
                }

                LayerTopology.ApplyAffine(plan.SubnodeScale, plan.SubnodeBias, sub);
                plan.Topology.EvaluateNodes(sub, plan.NodeScale, plan.NodeBias, l == _layers.Length - 1 ? output : current);
            }
        }

        private static double SplineSum(LayerPlan plan, int edge, int span, ReadOnlySpan<double> basis)
        {
            int k = plan.K;
            int coefStart = edge * plan.CoefficientCount;
            int first = span - k;
            double sum = 0.0;
            for (int r = 0; r <= k; r++)
            {
                int m = first + r;
                if ((uint)m < (uint)plan.CoefficientCount)
                {
                    sum += plan.Coefficients[coefStart + m] * basis[r];
                }
            }

            return sum;
        }

        private static double[] Scratch(int need)
        {
            double[]? s = t_scratch;
            if (s is null || s.Length < need)
            {
                s = new double[need];
                t_scratch = s;
            }

            return s;
        }

        /// <summary>A layer's arrays flattened once at load, so evaluation touches only plain arrays.</summary>
        private sealed class LayerPlan
        {
            public LayerPlan(KanLayer layer)
            {
                Topology = layer.Topology;
                InputCount = layer.InputCount;
                SubnodeCount = layer.SubnodeCount;
                K = layer.K;
                KnotCount = layer.KnotCount;
                CoefficientCount = layer.CoefficientCount;
                BaseFunction = layer.BaseFunction;
                Knots = layer.Knots.ToArray();
                Coefficients = layer.Coefficients.ToArray();
                ScaleBase = layer.ScaleBase.ToArray();
                ScaleSpline = layer.ScaleSpline.ToArray();
                Mask = layer.Mask.ToArray();
                SubnodeScale = layer.SubnodeScale.ToArray();
                SubnodeBias = layer.SubnodeBias.ToArray();
                NodeScale = layer.NodeScale.ToArray();
                NodeBias = layer.NodeBias.ToArray();
                Symbolic = new SymbolicTerm[layer.Symbolic.Length];
                for (int s = 0; s < Symbolic.Length; s++)
                {
                    Symbolic[s] = new SymbolicTerm(layer.Symbolic[s]);
                }
            }

            public LayerTopology Topology { get; }
            public int InputCount { get; }
            public int SubnodeCount { get; }
            public int K { get; }
            public int KnotCount { get; }
            public int CoefficientCount { get; }
            public BaseFunction BaseFunction { get; }
            public double[] Knots { get; }
            public double[] Coefficients { get; }
            public double[] ScaleBase { get; }
            public double[] ScaleSpline { get; }
            public double[] Mask { get; }
            public double[] SubnodeScale { get; }
            public double[] SubnodeBias { get; }
            public double[] NodeScale { get; }
            public double[] NodeBias { get; }
            public SymbolicTerm[] Symbolic { get; }
        }

        private sealed class SymbolicTerm
        {
            private readonly Func<double, double> _f;
            private readonly double _a, _b, _c, _d, _mask;

            public SymbolicTerm(SymbolicEdge edge)
            {
                Input = edge.Input;
                Output = edge.Output;
                _f = SymbolicFunctions.Get(edge.Function).Value;
                _a = edge.A;
                _b = edge.B;
                _c = edge.C;
                _d = edge.D;
                _mask = edge.Mask;
            }

            public int Input { get; }

            public int Output { get; }

            // pykan's Symbolic_KANLayer: mask * (c * f(a * x + b) + d).
            public double Evaluate(double x) => _mask * (_c * _f(_a * x + _b) + _d);
        }
    }

    /// <summary>One edge's two branches at one input value.</summary>
    public readonly struct EdgeValue
    {
        public EdgeValue(double numeric, double symbolic)
        {
            Numeric = numeric;
            Symbolic = symbolic;
        }

        /// <summary>Masked base + spline branch.</summary>
        public double Numeric { get; }

        /// <summary>Masked symbolic branch (0 when the edge has none).</summary>
        public double Symbolic { get; }

        public double Total => Numeric + Symbolic;
    }
}
