using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;
using Kan.Training.Compute;
using Kan.Training.Grid;

namespace Kan.Training
{
    /// <summary>
    /// A trainable KAN with pykan's <c>MultKAN</c> semantics: numeric (spline + base) and symbolic branches per
    /// edge, subnode and node affines, multiplication nodes, numeric and symbolic masks. Its forward pass equals
    /// <see cref="Kan.Evaluation.KanEvaluator"/> on <see cref="ToModel"/>. Not thread-safe: one trainer at a time.
    /// </summary>
    public sealed partial class KanNetwork
    {
        private readonly List<NetworkLayer> _layers;

        /// <summary>Creates a freshly initialised network (pykan <c>MultKAN(width=..., ...)</c>).</summary>
        public KanNetwork(IReadOnlyList<LayerWidth> widths, KanNetworkOptions? options = null)
        {
            if (widths is null || widths.Count < 2)
            {
                throw new ArgumentException("A network needs at least an input and an output width.", nameof(widths));
            }

            if (widths[0].Mult != 0)
            {
                throw new ArgumentException("Inputs cannot be multiplication nodes.", nameof(widths));
            }

            Options = (options ?? new KanNetworkOptions()).Clone();
            if (Options.Grid < 1 || Options.K < 1)
            {
                throw new ArgumentException("grid and k must be at least 1.");
            }

            var random = new Random(Options.Seed);
            _layers = new List<NetworkLayer>();
            for (int l = 0; l + 1 < widths.Count; l++)
            {
                int[] arity = Arities(widths[l + 1], l + 1);
                var layer = new NetworkLayer(new LayerTopology(widths[l].Nodes, widths[l + 1].Sum, arity.ToImmutableArray()), Options.K, Options.Grid, Options.BaseFunction);
                Initialise(layer, random);
                _layers.Add(layer);
            }

            InputNames = Enumerable.Range(1, widths[0].Nodes).Select(i => "x" + i).ToArray();
            OutputNames = Enumerable.Range(1, _layers[_layers.Count - 1].OutputCount).Select(i => "y" + i).ToArray();
            InputIds = Enumerable.Range(0, widths[0].Nodes).ToArray();
        }

        private KanNetwork(List<NetworkLayer> layers, KanNetworkOptions options, string[] inputNames, string[] outputNames, int[] inputIds)
        {
            _layers = layers;
            Options = options;
            InputNames = inputNames;
            OutputNames = outputNames;
            InputIds = inputIds;
        }

        /// <summary>pykan-style construction from plain widths, e.g. <c>Create(new[] {2, 5, 1})</c>.</summary>
        public static KanNetwork Create(int[] widths, KanNetworkOptions? options = null) =>
            new KanNetwork(widths.Select(w => (LayerWidth)w).ToArray(), options);

        /// <summary>Settings the network was built with; the trainable flags and grid_eps are read by training.</summary>
        public KanNetworkOptions Options { get; }

        public IReadOnlyList<NetworkLayer> Layers => _layers;

        public int LayerCount => _layers.Count;

        /// <summary>Node counts: first-layer inputs, then every layer's outputs (pykan <c>width_in</c>).</summary>
        public int[] Widths
        {
            get
            {
                var w = new int[_layers.Count + 1];
                w[0] = _layers[0].InputCount;
                for (int l = 0; l < _layers.Count; l++)
                {
                    w[l + 1] = _layers[l].OutputCount;
                }

                return w;
            }
        }

        /// <summary>Width of the first layer (after input selection).</summary>
        public int InputWidth => _layers[0].InputCount;

        public int OutputCount => _layers[_layers.Count - 1].OutputCount;

        /// <summary>Caller input columns (before <see cref="InputIds"/> selection).</summary>
        public int CallerInputCount => InputNames.Length;

        public string[] InputNames { get; set; }

        public string[] OutputNames { get; set; }

        /// <summary>Caller column read by each first-layer input (pykan <c>input_id</c>).</summary>
        public int[] InputIds { get; private set; }

        /// <summary>Fixed input normalisation per caller column (<c>x' = s*x + b</c>), or null.</summary>
        public double[]? InputScale { get; private set; }

        public double[]? InputBias { get; private set; }

        public string? Name { get; set; }

        /// <summary>Metadata carried into <see cref="ToModel"/> (e.g. "formula").</summary>
        public List<KeyValuePair<string, string>> Metadata { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The model file's <c>generator</c> object, carried from <see cref="FromModel"/> into <see cref="ToModel"/> unchanged.</summary>
        public GeneratorSettings? Generator { get; set; }

        internal int InputColumn(int i) => InputIds[i];

        /// <summary>Sets (or clears with null) the fixed input normalisation; it is not trained.</summary>
        public void SetInputNormalization(double[]? scale, double[]? bias)
        {
            if ((scale is null) != (bias is null) || (scale is not null && (scale.Length != CallerInputCount || bias!.Length != CallerInputCount)))
            {
                throw new ArgumentException("Give one scale and one bias per caller input column, or neither.");
            }

            InputScale = scale is null ? null : (double[])scale.Clone();
            InputBias = bias is null ? null : (double[])bias!.Clone();
        }

        /// <summary>Evaluates rows of caller inputs ([rows, CallerInputCount]) into [rows, OutputCount].</summary>
        public double[,] Forward(double[,] inputs)
        {
            var pass = Run(inputs, derivatives: false);
            int rows = inputs.GetLength(0);
            var result = new double[rows, OutputCount];
            System.Buffer.BlockCopy(pass.Output, 0, result, 0, rows * OutputCount * sizeof(double));
            return result;
        }

        internal BatchPass Run(double[,] inputs, bool derivatives)
        {
            if (inputs.GetLength(1) != CallerInputCount)
            {
                throw new ArgumentException("Expected " + CallerInputCount + " input columns, got " + inputs.GetLength(1) + ".", nameof(inputs));
            }

            int rows = inputs.GetLength(0);
            double[] flat = Flatten(inputs);
            var pass = new BatchPass(this, rows);
            pass.Forward(flat, SymbolicActive, derivatives);
            return pass;
        }

        /// <summary>pykan's <c>symbolic_enabled</c> as fit uses it: on exactly when some symbolic mask is non-zero.</summary>
        internal bool SymbolicActive => _layers.Any(l => l.AnySymbolic());

        /// <summary>
        /// Activations computed fresh from <paramref name="inputs"/> (pykan <c>acts</c>, <c>spline_postacts</c>):
        /// per layer the inputs <c>X[sample, i]</c> and each edge's numeric (base + spline, before the mask)
        /// activation <c>Numeric[sample, i, j]</c>.
        /// </summary>
        public LayerActivations[] GetActivations(double[,] inputs)
        {
            BatchPass pass = Run(inputs, derivatives: false);
            int rows = inputs.GetLength(0);
            var result = new LayerActivations[LayerCount];
            for (int l = 0; l < LayerCount; l++)
            {
                NetworkLayer layer = _layers[l];
                LayerBuffers buf = pass.Layers[l];
                var x = new double[rows, layer.InputCount];
                Buffer.BlockCopy(buf.X, 0, x, 0, buf.X.Length * sizeof(double));
                var y = new double[rows, layer.InputCount, layer.SubnodeCount];
                Buffer.BlockCopy(buf.Numeric, 0, y, 0, buf.Numeric.Length * sizeof(double));
                var s = new double[rows, layer.InputCount, layer.SubnodeCount];
                Buffer.BlockCopy(buf.Symbolic, 0, s, 0, buf.Symbolic.Length * sizeof(double));
                result[l] = new LayerActivations(x, y, s);
            }

            return result;
        }

        /// <inheritdoc cref="GetActivations(double[,])"/>
        public LayerActivations[] GetActivations(Dataset dataset) => GetActivations(dataset.TrainInputs);

        /// <summary>
        /// Sets edge (l, i, j)'s symbolic branch to <c>c*fn(a*x+b)+d</c> (pykan <c>Symbolic_KANLayer.fix_symbolic</c>
        /// with given affine). Masks are unchanged: call <see cref="SetMode"/> to switch the edge to "s".
        /// </summary>
        public void SetSymbolic(int l, int i, int j, string fn, double a, double b, double c, double d) =>
            SetSymbolic(l, i, j, Kan.Symbolic.SymbolicFunctions.Get(fn), a, b, c, d);

        /// <summary>
        /// Sets edge (l, i, j)'s symbolic branch to <paramref name="fn"/>, which may be a custom function (a
        /// <see cref="Symbolic.SymbolicLibrary"/> registration): the network trains and evaluates it like a built-in, but
        /// a model using it cannot be saved to <c>.kan</c> v1 or run by the runtime evaluator.
        /// </summary>
        public void SetSymbolic(int l, int i, int j, SymbolicFunction fn, double a, double b, double c, double d)
        {
            if (fn is null)
            {
                throw new ArgumentNullException(nameof(fn));
            }

            NetworkLayer layer = CheckEdge(l, i, j);
            int e = layer.EdgeIndex(i, j);
            layer.SetSymbolicFunction(e, fn);
            layer.Arrays.SymbolicA[e] = a;
            layer.Arrays.SymbolicB[e] = b;
            layer.Arrays.SymbolicC[e] = c;
            layer.Arrays.SymbolicD[e] = d;
        }

        /// <summary>
        /// pykan <c>set_mode</c>: "n" numeric only, "s" symbolic only, "ns"/"sn" both (numeric mask
        /// <paramref name="numericMask"/>, default 1), "none" neither. pykan treats every other string as "none";
        /// here any other string is an <see cref="ArgumentException"/>, so a typo cannot silently switch an edge off.
        /// </summary>
        public void SetMode(int l, int i, int j, string mode, double? numericMask = null)
        {
            NetworkLayer layer = CheckEdge(l, i, j);
            double maskN, maskS;
            switch (mode)
            {
                case "s":
                    maskN = 0.0;
                    maskS = 1.0;
                    break;
                case "n":
                    maskN = 1.0;
                    maskS = 0.0;
                    break;
                case "sn":
                case "ns":
                    maskN = numericMask ?? 1.0;
                    maskS = 1.0;
                    break;
                case "none":
                    maskN = 0.0;
                    maskS = 0.0;
                    break;
                default:
                    throw new ArgumentException("Unknown mode '" + mode + "' for edge (" + l + ", " + i + ", " + j + "); expected \"n\", \"s\", \"ns\", \"sn\" or \"none\".", nameof(mode));
            }

            int e = layer.EdgeIndex(i, j);
            layer.Arrays.Mask[e] = maskN;
            layer.Arrays.SymbolicMask[e] = maskS;
        }

        /// <summary>A deep copy (parameters and settings).</summary>
        public KanNetwork Clone()
        {
            var copy = new KanNetwork(_layers.Select(l => l.Clone()).ToList(), Options.Clone(), (string[])InputNames.Clone(), (string[])OutputNames.Clone(), (int[])InputIds.Clone())
            {
                Name = Name,
                Generator = Generator,
            };
            copy.SetInputNormalization(InputScale, InputBias);
            copy.Metadata.AddRange(Metadata);
            return copy;
        }

        internal KanNetwork WithLayers(List<NetworkLayer> layers, int[] inputIds)
        {
            var copy = new KanNetwork(layers, Options.Clone(), (string[])InputNames.Clone(), (string[])OutputNames.Clone(), inputIds)
            {
                Name = Name,
                Generator = Generator,
            };
            copy.SetInputNormalization(InputScale, InputBias);
            copy.Metadata.AddRange(Metadata);
            return copy;
        }

        private NetworkLayer CheckEdge(int l, int i, int j)
        {
            if ((uint)l >= (uint)LayerCount || (uint)i >= (uint)_layers[l].InputCount || (uint)j >= (uint)_layers[l].SubnodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(l), "No edge (" + l + ", " + i + ", " + j + ").");
            }

            return _layers[l];
        }

        private int[] Arities(LayerWidth width, int widthIndex)
        {
            if (width.Mult == 0)
            {
                return Array.Empty<int>();
            }

            if (Options.MultArities is not null)
            {
                int[] given = Options.MultArities[widthIndex];
                if (given.Length != width.Mult)
                {
                    throw new ArgumentException("MultArities[" + widthIndex + "] must list " + width.Mult + " arities.");
                }

                return (int[])given.Clone();
            }

            return Enumerable.Repeat(Options.MultArity, width.Mult).ToArray();
        }

        /// <summary>
        /// pykan <c>KANLayer.__init__</c>: uniform grid on grid_range extended by k, coefficients fitted (curve2coef)
        /// to uniform noise in ±noise_scale/(2G) at the grid points, scale_base = mu/sqrt(in) + sigma*U(-1,1)/sqrt(in),
        /// scale_sp = 1/sqrt(in), masks 1.
        /// </summary>
        private void Initialise(NetworkLayer layer, Random random)
        {
            int g = layer.GridIntervals, k = layer.K, nIn = layer.InputCount, nSub = layer.SubnodeCount;
            double invSqrt = 1.0 / Math.Sqrt(nIn);
            for (int e = 0; e < nIn * nSub; e++)
            {
                layer.Arrays.ScaleBase[e] = Options.ScaleBaseMu * invSqrt + Options.ScaleBaseSigma * (random.NextDouble() * 2 - 1) * invSqrt;
                layer.Arrays.ScaleSpline[e] = invSqrt;
                layer.Arrays.Mask[e] = 1.0;
            }

            var grid = new double[g + 1];
            for (int p = 0; p <= g; p++)
            {
                grid[p] = Options.GridMin + (Options.GridMax - Options.GridMin) * p / g;
            }

            var noise = new double[(g + 1) * nSub];
            for (int i = 0; i < nIn; i++)
            {
                SplineLeastSquares.ExtendGrid(grid, k, layer.Arrays.Knots.AsSpan(i * layer.KnotCount, layer.KnotCount));
                for (int q = 0; q < noise.Length; q++)
                {
                    noise[q] = (random.NextDouble() - 0.5) * Options.NoiseScale / g;
                }

                SplineLeastSquares.Fit(layer.KnotsOf(i), k, grid, noise, nSub, layer.Arrays.Coefficients, i * nSub * layer.CoefficientCount, layer.CoefficientCount);
            }
        }
    }
}
