using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Runtime.Tests.Support;

/// <summary>
/// Seeded generator of random, valid KAN models and of inputs that probe them inside the grid, outside it and
/// exactly on knots. Meant to be linked into other test projects (it needs only the model types and the symbolic
/// library's names). Symbolic edges are drawn from the whole library; each function's argument <c>a*x+b</c> is
/// mapped into a domain where the function is finite and well conditioned, using an interval bound of every
/// layer's inputs (exact boxes for layer 0, propagated magnitude bounds for deeper layers), so every output is finite.
/// Knots are dyadic (multiples of 1/8) so knot inputs are exact and repeated knots occur naturally.
/// </summary>
public sealed class RandomModels
{
    /// <summary>Per library name, the interval its argument is mapped into.</summary>
    public static readonly IReadOnlyDictionary<string, (double Lo, double Hi)> SafeDomains = new Dictionary<string, (double, double)>
    {
        ["x"] = (-2, 2), ["x^2"] = (-2, 2), ["x^3"] = (-2, 2), ["x^4"] = (-2, 2), ["x^5"] = (-2, 2),
        ["1/x"] = (0.5, 2), ["1/x^2"] = (0.5, 2), ["1/x^3"] = (0.5, 2), ["1/x^4"] = (0.5, 2), ["1/x^5"] = (0.5, 2),
        ["sqrt"] = (0.25, 4), ["x^0.5"] = (0.25, 4), ["x^1.5"] = (0.25, 4), ["1/sqrt(x)"] = (0.25, 4), ["1/x^0.5"] = (0.25, 4),
        ["exp"] = (-2, 2), ["log"] = (0.25, 4), ["abs"] = (-2, 2), ["sin"] = (-4, 4), ["cos"] = (-4, 4),
        ["tan"] = (-1.2, 1.2), ["tanh"] = (-3, 3), ["sgn"] = (-2, 2), ["arcsin"] = (-0.9, 0.9), ["arccos"] = (-0.9, 0.9),
        ["arctan"] = (-3, 3), ["arctanh"] = (-0.9, 0.9), ["0"] = (-2, 2), ["gaussian"] = (-2, 2),
    };

    private static readonly string[] Names = SymbolicFunctions.All.Select(f => f.Name).ToArray();

    private readonly Random _rng;

    public RandomModels(int seed) => _rng = new Random(seed);

    public Random Random => _rng;

    /// <summary>Largest layer count, width, order and grid size <see cref="Next"/> draws.</summary>
    public int MaxLayers { get; set; } = 3;

    public int MaxWidth { get; set; } = 5;

    public int MaxOrder { get; set; } = 5;

    public int MaxGrid { get; set; } = 8;

    /// <summary>
    /// The interval of first-layer values <see cref="Inputs"/> samples for an input with knots <paramref name="knots"/>:
    /// the extended grid plus a margin on each side, so inputs fall inside, outside and on the grid.
    /// </summary>
    public static (double Lo, double Hi) Box(IReadOnlyList<double> knots)
    {
        double t0 = knots[0], tn = knots[knots.Count - 1];
        double margin = 0.5 * (tn - t0) + 0.5;
        return (t0 - margin, tn + margin);
    }

    public KanModel Next()
    {
        int layerCount = 1 + _rng.Next(MaxLayers);
        int columns = 1 + _rng.Next(MaxWidth);

        // input_ids: identity most often; otherwise a random selection (possibly repeating a column, which the format allows).
        ImmutableArray<int> ids = ImmutableArray<int>.Empty;
        int width = columns;
        if (_rng.NextDouble() < 0.35)
        {
            width = 1 + _rng.Next(MaxWidth);
            ids = Enumerable.Range(0, width).Select(_ => _rng.Next(columns)).ToImmutableArray();
        }

        ImmutableArray<double> scale = default, bias = default;
        if (_rng.NextDouble() < 0.35)
        {
            // Powers of two and multiples of 1/8 keep (t - b) / s exact, so knot probes hit knots exactly.
            scale = Enumerable.Range(0, columns).Select(_ => (_rng.Next(2) == 0 ? -1 : 1) * Math.Pow(2, _rng.Next(-2, 3))).ToImmutableArray();
            bias = Enumerable.Range(0, columns).Select(_ => _rng.Next(-16, 17) / 8.0).ToImmutableArray();
        }

        // Layer 0's knots come first: the input boxes (and so the symbolic domains of layer 0) derive from them.
        int k0 = 1 + _rng.Next(MaxOrder);
        int g0 = 1 + _rng.Next(MaxGrid);
        var knots0 = Enumerable.Range(0, width).Select(_ => Knots(g0, k0)).ToArray();
        var hull = new (double Lo, double Hi)[columns];
        for (int c = 0; c < columns; c++)
        {
            hull[c] = (double.PositiveInfinity, double.NegativeInfinity);
        }

        for (int i = 0; i < width; i++)
        {
            int c = ids.IsEmpty ? i : ids[i];
            var box = Box(knots0[i]);
            hull[c] = (Math.Min(hull[c].Lo, box.Lo), Math.Max(hull[c].Hi, box.Hi));
        }

        var ranges = new (double Lo, double Hi)[width];
        for (int i = 0; i < width; i++)
        {
            ranges[i] = hull[ids.IsEmpty ? i : ids[i]];
        }

        var layers = ImmutableArray.CreateBuilder<KanLayer>(layerCount);
        for (int l = 0; l < layerCount; l++)
        {
            int nOut = 1 + _rng.Next(MaxWidth);
            var layer = l == 0 ? Layer(ranges, nOut, k0, g0, knots0) : Layer(ranges, nOut, 1 + _rng.Next(MaxOrder), 1 + _rng.Next(MaxGrid), null);
            layers.Add(layer);
            ranges = Bounds(layer, ranges).Select(b => (-b, b)).ToArray();
        }

        var inputNames = Enumerable.Range(0, columns).Select(c => "in" + c).ToImmutableArray();
        var outputNames = Enumerable.Range(0, layers[layerCount - 1].OutputCount).Select(o => "out" + o).ToImmutableArray();
        var metadata = _rng.Next(2) == 0 ? default : ImmutableArray.Create(
            new KeyValuePair<string, string>("formula", "f(" + string.Join(", ", inputNames) + ")"),
            new KeyValuePair<string, string>("note \"quoted\"\n", "tab\there, unicode \u00e9\u2212, control \u0001"));
        string? name = _rng.Next(2) == 0 ? null : "Model" + _rng.Next(1000);
        return new KanModel(inputNames, outputNames, ids, layers.MoveToImmutable(), metadata, name, scale, bias);
    }

    /// <summary>
    /// Probe rows for <paramref name="model"/> (which must come from <see cref="Next"/>): <paramref name="random"/>
    /// rows inside the input boxes (so inside and outside the grid), and one row per first-layer knot with that input
    /// exactly on the knot, including the first and last knot. Columns no input reads get arbitrary values.
    /// </summary>
    public List<double[]> Inputs(KanModel model, int random)
    {
        KanLayer first = model.Layers[0];
        int width = first.InputCount;
        int columns = model.InputCount;
        var hull = new (double Lo, double Hi)[columns];
        var read = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            hull[c] = (double.PositiveInfinity, double.NegativeInfinity);
        }

        for (int i = 0; i < width; i++)
        {
            int c = model.InputColumn(i);
            var box = Box(first.Knots.Skip(i * first.KnotCount).Take(first.KnotCount).ToArray());
            hull[c] = (Math.Min(hull[c].Lo, box.Lo), Math.Max(hull[c].Hi, box.Hi));
            read[c] = true;
        }

        double[] Row()
        {
            var row = new double[columns];
            for (int c = 0; c < columns; c++)
            {
                double v = read[c] ? hull[c].Lo + _rng.NextDouble() * (hull[c].Hi - hull[c].Lo) : _rng.NextDouble() * 10 - 5;
                row[c] = Raw(model, c, v);
            }

            return row;
        }

        var rows = new List<double[]>();
        for (int r = 0; r < random; r++)
        {
            rows.Add(Row());
        }

        for (int i = 0; i < width; i++)
        {
            int c = model.InputColumn(i);
            for (int m = 0; m < first.KnotCount; m++)
            {
                double[] row = Row();
                row[c] = Raw(model, c, first.Knots[i * first.KnotCount + m]);
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The caller value whose normalised value is <paramref name="v"/> (exact for the generator's dyadic affines).</summary>
    private static double Raw(KanModel model, int c, double v) =>
        model.HasInputNormalization ? (v - model.InputBias[c]) / model.InputScale[c] : v;

    /// <summary>Dyadic knots: uniform (pykan's extended linspace) or sorted random multiples of 1/8 with repeats.</summary>
    private double[] Knots(int g, int k)
    {
        int count = g + 2 * k + 1;
        int start = _rng.Next(-32, 1); // in eighths: t0 in [-4, 0]
        if (_rng.NextDouble() < 0.6)
        {
            int step = _rng.Next(1, 9);
            return Enumerable.Range(0, count).Select(m => (start + m * step) / 8.0).ToArray();
        }

        int span = _rng.Next(count / 2 + 1, 6 * count);
        var eighths = Enumerable.Range(0, count).Select(_ => start + _rng.Next(span + 1)).OrderBy(v => v).ToArray();
        return eighths.Select(v => v / 8.0).ToArray();
    }

    private KanLayer Layer((double Lo, double Hi)[] ranges, int nOut, int k, int g, double[][]? knotRows)
    {
        int nIn = ranges.Length;
        int nMult = _rng.NextDouble() < 0.35 ? 1 + _rng.Next(nOut) : 0;
        int nSum = nOut - nMult;
        var arity = Enumerable.Range(0, nMult).Select(_ => 2 + _rng.Next(2)).ToImmutableArray();
        int nSub = nSum + arity.Sum();
        knotRows ??= Enumerable.Range(0, nIn).Select(_ => Knots(g, k)).ToArray();
        var baseFunction = (BaseFunction)_rng.Next(3);
        int nBasis = g + k;

        var symbolic = ImmutableArray.CreateBuilder<SymbolicEdge>();
        for (int i = 0; i < nIn; i++)
        {
            for (int j = 0; j < nSub; j++)
            {
                if (_rng.NextDouble() < 0.25)
                {
                    symbolic.Add(Symbolic(i, j, ranges[i]));
                }
            }
        }

        return new KanLayer.Builder(new LayerTopology(nIn, nSum, arity))
        {
            K = k,
            BaseFunction = baseFunction,
            Knots = knotRows.SelectMany(r => r).ToImmutableArray(),
            Coefficients = Uniform(nIn * nSub * nBasis, -1, 1),
            ScaleBase = Uniform(nIn * nSub, -1, 1),
            ScaleSpline = Uniform(nIn * nSub, -1, 1),
            Mask = Enumerable.Range(0, nIn * nSub).Select(_ => Mask()).ToImmutableArray(),
            Symbolic = symbolic.ToImmutable(),
            SubnodeScale = Uniform(nSub, -1.5, 1.5),
            SubnodeBias = Uniform(nSub, -0.5, 0.5),
            NodeScale = Uniform(nOut, -1.5, 1.5),
            NodeBias = Uniform(nOut, -0.5, 0.5),
        }.Build();
    }

    private double Mask()
    {
        double u = _rng.NextDouble();
        return u < 0.65 ? 1.0 : u < 0.85 ? 0.0 : _rng.NextDouble();
    }

    /// <summary>A random library function whose argument a*x+b maps the input range into its safe domain.</summary>
    private SymbolicEdge Symbolic(int i, int j, (double Lo, double Hi) range)
    {
        string fn = Names[_rng.Next(Names.Length)];
        (double lo, double hi) = SafeDomains[fn];
        if (fn.StartsWith("1/x", StringComparison.Ordinal) && fn != "1/x^0.5" && _rng.Next(2) == 0)
        {
            (lo, hi) = (-hi, -lo); // the negative branch of 1/x^n is as safe
        }

        double w = (hi - lo) * (0.3 + 0.7 * _rng.NextDouble());
        double start = lo + _rng.NextDouble() * (hi - lo - w);
        double a = w / (range.Hi - range.Lo);
        double b = start - a * range.Lo;
        if (_rng.Next(2) == 0)
        {
            a = -a;
            b = start + w - a * range.Lo;
        }

        double u = _rng.NextDouble();
        double mask = u < 0.8 ? 1.0 : u < 0.9 ? 0.0 : _rng.NextDouble();
        return new SymbolicEdge(i, j, fn, a, b, _rng.NextDouble() * 2 - 1, _rng.NextDouble() - 0.5, mask);
    }

    /// <summary>An upper bound on |output| of every node of <paramref name="layer"/> for inputs in <paramref name="ranges"/>.</summary>
    private static double[] Bounds(KanLayer layer, (double Lo, double Hi)[] ranges)
    {
        int nSub = layer.SubnodeCount;
        var sub = new double[nSub];
        double maxCoef = layer.Coefficients.Max(Math.Abs);
        for (int i = 0; i < layer.InputCount; i++)
        {
            double x = Math.Max(Math.Abs(ranges[i].Lo), Math.Abs(ranges[i].Hi));
            double b = layer.BaseFunction switch { BaseFunction.Silu => Math.Max(x, 0.28), BaseFunction.Identity => x, _ => 0 };
            for (int j = 0; j < nSub; j++)
            {
                int e = layer.EdgeIndex(i, j);
                // B-splines are non-negative and sum to at most 1, so |spline| <= max |coef|.
                sub[j] += Math.Abs(layer.Mask[e]) * (Math.Abs(layer.ScaleBase[e]) * b + Math.Abs(layer.ScaleSpline[e]) * maxCoef);
            }
        }

        foreach (SymbolicEdge s in layer.Symbolic)
        {
            sub[s.Output] += Math.Abs(s.Mask) * (Math.Abs(s.C) * FunctionBound(s.Function) + Math.Abs(s.D));
        }

        for (int j = 0; j < nSub; j++)
        {
            sub[j] = Math.Abs(layer.SubnodeScale[j]) * sub[j] + Math.Abs(layer.SubnodeBias[j]);
        }

        var nodes = new double[layer.OutputCount];
        for (int n = 0; n < layer.SumCount; n++)
        {
            nodes[n] = sub[n];
        }

        int next = layer.SumCount;
        for (int m = 0; m < layer.MultArity.Length; m++)
        {
            double p = 1;
            for (int a = 0; a < layer.MultArity[m]; a++)
            {
                p *= sub[next++];
            }

            nodes[layer.SumCount + m] = p;
        }

        // 1e-3 floor: a node bounded by 0 still needs a non-empty range for the next layer's symbolic affines.
        return nodes.Select((v, n) => Math.Max(1e-3, Math.Abs(layer.NodeScale[n]) * v + Math.Abs(layer.NodeBias[n]))).ToArray();
    }

    /// <summary>max |f| over the function's safe domain (both signs for 1/x^n), with headroom.</summary>
    private static double FunctionBound(string fn)
    {
        (double lo, double hi) = SafeDomains[fn];
        double max = 0;
        for (int s = 0; s <= 1000; s++)
        {
            double u = lo + (hi - lo) * s / 1000.0;
            max = Math.Max(max, Math.Abs(NaiveKan.Function(fn, u)));
        }

        return 1.1 * max + 0.01;
    }

    private ImmutableArray<double> Uniform(int count, double lo, double hi) =>
        Enumerable.Range(0, count).Select(_ => lo + (hi - lo) * _rng.NextDouble()).ToImmutableArray();
}
