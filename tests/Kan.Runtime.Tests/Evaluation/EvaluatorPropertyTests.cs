using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Evaluation;
using Kan.Runtime.Tests.Support;
using Kan.Symbolic;

namespace Kan.Runtime.Tests.Evaluation;

/// <summary>
/// KanEvaluator against the independent naive evaluator on random models: in and out of the grid, exactly on
/// knots, with repeated knots, masks, symbolic edges, multiplication nodes, input_ids and normalisation.
/// </summary>
public class EvaluatorPropertyTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluator_matches_naive_cox_de_boor_on_random_models(int seed)
    {
        var models = new RandomModels(seed);
        int checkedValues = 0, onKnots = 0, repeatedKnotModels = 0;
        for (int n = 0; n < 100; n++)
        {
            KanModel model = models.Next();
            var evaluator = new KanEvaluator(model);
            List<double[]> rows = models.Inputs(model, 24);
            onKnots += rows.Count - 24;
            repeatedKnotModels += model.Layers.Any(HasRepeatedKnots) ? 1 : 0;
            var actual = new double[model.OutputCount];
            foreach (double[] row in rows)
            {
                double[] expected = NaiveKan.Evaluate(model, row);
                evaluator.Evaluate(row, actual);
                for (int o = 0; o < expected.Length; o++)
                {
                    double.IsFinite(expected[o]).ShouldBeTrue($"seed {seed} model {n}: the generator must keep outputs finite");
                    Math.Abs(actual[o] - expected[o]).ShouldBeLessThanOrEqualTo(
                        Tolerance * Math.Max(1.0, Math.Abs(expected[o])),
                        $"seed {seed} model {n} widths [{string.Join(",", model.Widths)}] input [{string.Join(", ", row.Select(v => v.ToString("R")))}] output {o}: evaluator {actual[o]:R}, naive {expected[o]:R}");
                    checkedValues++;
                }
            }
        }

        // The generator must really exercise what the test claims to cover.
        checkedValues.ShouldBeGreaterThan(3000);
        onKnots.ShouldBeGreaterThan(1000);
        repeatedKnotModels.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Random_models_cover_every_feature_and_library_function()
    {
        var models = new RandomModels(99);
        var functions = new HashSet<string>();
        int mult = 0, ids = 0, norm = 0, arity3 = 0, zeroMask = 0;
        var bases = new HashSet<BaseFunction>();
        var orders = new HashSet<int>();
        for (int n = 0; n < 300; n++)
        {
            KanModel m = models.Next();
            ids += m.InputIds.IsEmpty ? 0 : 1;
            norm += m.HasInputNormalization ? 1 : 0;
            foreach (KanLayer l in m.Layers)
            {
                functions.UnionWith(l.Symbolic.Select(s => s.Function));
                mult += l.MultArity.Length;
                arity3 += l.MultArity.Count(a => a == 3);
                zeroMask += l.Mask.Count(v => v == 0);
                bases.Add(l.BaseFunction);
                orders.Add(l.K);
            }
        }

        functions.ShouldBe(SymbolicFunctions.All.Select(f => f.Name).ToHashSet(), ignoreOrder: true);
        RandomModels.SafeDomains.Keys.ShouldBe(SymbolicFunctions.All.Select(f => f.Name), ignoreOrder: true);
        bases.Count.ShouldBe(3);
        orders.ShouldBe(new[] { 1, 2, 3, 4, 5 }, ignoreOrder: true);
        mult.ShouldBeGreaterThan(50);
        arity3.ShouldBeGreaterThan(20);
        ids.ShouldBeGreaterThan(50);
        norm.ShouldBeGreaterThan(50);
        zeroMask.ShouldBeGreaterThan(100);
    }

    /// <summary>pykan's B_batch zeroes a basis function next to a zero-width span (NaN, then nan_to_num).</summary>
    [Fact]
    public void Repeated_knots_follow_pykan_nan_to_num()
    {
        // Knots [0, 1, 1, 2] with k = 1: B_0 uses spans [0,1) and [1,1); its right denominator t2 - t1 is 0, so
        // pykan computes (1 - x)/0 * B_{1,0}(x) = inf * 0 = NaN for x != 1 and 0/0 * 0 at x = 1: B_0 is 0 everywhere.
        // B_1 uses [1,1) and [1,2): its left denominator is 0, so it is 0 too; B_2 would need a 5th knot.
        double[] t = { 0, 1, 1, 2 };
        foreach (double x in new[] { 0.0, 0.5, 1.0, 1.5 })
        {
            NaiveKan.Basis(t, 0, 1, x).ShouldBe(0.0);
            NaiveKan.Basis(t, 1, 1, x).ShouldBe(0.0);
        }

        // And the runtime agrees on a one-edge layer built on these knots (coefficients 1, 1: the spline is 0).
        var layer = new KanLayer.Builder(new LayerTopology(1, 1, default))
        {
            K = 1,
            BaseFunction = BaseFunction.Zero,
            Knots = ImmutableArrayOf(t),
            Coefficients = ImmutableArrayOf(1.0, 1.0),
            ScaleBase = ImmutableArrayOf(0.0),
            ScaleSpline = ImmutableArrayOf(1.0),
            Mask = ImmutableArrayOf(1.0),
            SubnodeScale = ImmutableArrayOf(1.0),
            SubnodeBias = ImmutableArrayOf(0.0),
            NodeScale = ImmutableArrayOf(1.0),
            NodeBias = ImmutableArrayOf(0.0),
        }.Build();
        var model = new KanModel(ImmutableArrayOf("x"), ImmutableArrayOf("y"), default, ImmutableArrayOf(layer));
        var evaluator = new KanEvaluator(model);
        foreach (double x in new[] { 0.0, 0.5, 1.0, 1.5 })
        {
            evaluator.Evaluate(x)[0].ShouldBe(0.0, $"x = {x}");
        }
    }

    [Fact]
    public void EvaluateEdge_sums_to_Evaluate_on_one_layer_models()
    {
        var models = new RandomModels(7) { MaxLayers = 1 };
        for (int n = 0; n < 100; n++)
        {
            KanModel model = models.Next();
            KanLayer layer = model.Layers[0];
            var evaluator = new KanEvaluator(model);
            foreach (double[] row in models.Inputs(model, 8))
            {
                double[] x = Enumerable.Range(0, layer.InputCount)
                    .Select(i => model.HasInputNormalization
                        ? model.InputScale[model.InputColumn(i)] * row[model.InputColumn(i)] + model.InputBias[model.InputColumn(i)]
                        : row[model.InputColumn(i)])
                    .ToArray();
                var sub = new double[layer.SubnodeCount];
                for (int j = 0; j < layer.SubnodeCount; j++)
                {
                    double sum = 0;
                    for (int i = 0; i < layer.InputCount; i++)
                    {
                        EdgeValue edge = evaluator.EvaluateEdge(0, i, j, x[i]);
                        edge.Total.ShouldBe(edge.Numeric + edge.Symbolic);
                        sum += edge.Total;
                    }

                    sub[j] = layer.SubnodeScale[j] * sum + layer.SubnodeBias[j];
                }

                double[] expected = new double[layer.OutputCount];
                int next = layer.SumCount;
                for (int o = 0; o < layer.OutputCount; o++)
                {
                    double z = o < layer.SumCount ? sub[o] : 1.0;
                    if (o >= layer.SumCount)
                    {
                        for (int a = 0; a < layer.MultArity[o - layer.SumCount]; a++)
                        {
                            z *= sub[next++];
                        }
                    }

                    expected[o] = layer.NodeScale[o] * z + layer.NodeBias[o];
                }

                double[] actual = evaluator.Evaluate(row);
                for (int o = 0; o < expected.Length; o++)
                {
                    Math.Abs(actual[o] - expected[o]).ShouldBeLessThanOrEqualTo(Tolerance * Math.Max(1, Math.Abs(expected[o])), $"model {n} output {o}");
                }
            }
        }
    }

    [Fact]
    public void EvaluateBatch_equals_row_by_row()
    {
        var models = new RandomModels(11);
        for (int n = 0; n < 40; n++)
        {
            KanModel model = models.Next();
            var evaluator = new KanEvaluator(model);
            List<double[]> rows = models.Inputs(model, 10);
            double[] flat = rows.SelectMany(r => r).ToArray();
            var batch = new double[rows.Count * model.OutputCount];
            evaluator.EvaluateBatch(flat, batch);
            for (int r = 0; r < rows.Count; r++)
            {
                double[] single = evaluator.Evaluate(rows[r]);
                batch.AsSpan(r * model.OutputCount, model.OutputCount).ToArray().ShouldBe(single);
            }
        }
    }

    [Fact]
    public void Wrong_lengths_throw_ArgumentException()
    {
        KanModel model = new RandomModels(5).Next();
        var evaluator = new KanEvaluator(model);
        int n = model.InputCount, m = model.OutputCount;
        Should.Throw<ArgumentException>(() => evaluator.Evaluate(new double[n + 1], new double[m]));
        Should.Throw<ArgumentException>(() => evaluator.Evaluate(new double[n], new double[m + 1]));
        Should.Throw<ArgumentException>(() => evaluator.Evaluate(new double[n + 1]));
        if (n > 1)
        {
            Should.Throw<ArgumentException>(() => evaluator.Evaluate(new double[n - 1], new double[m]));
        }

        Should.Throw<ArgumentException>(() => evaluator.EvaluateBatch(new double[2 * n + 1], new double[2 * m]));
        Should.Throw<ArgumentException>(() => evaluator.EvaluateBatch(new double[2 * n], new double[2 * m + 1]));
    }

    [Fact]
    public void Evaluate_allocates_nothing_after_warm_up()
    {
        var models = new RandomModels(13);
        for (int n = 0; n < 20; n++)
        {
            KanModel model = models.Next();
            var evaluator = new KanEvaluator(model);
            double[][] rows = models.Inputs(model, 10).ToArray();
            var output = new double[model.OutputCount];
            foreach (double[] row in rows)
            {
                evaluator.Evaluate(row, output); // warm-up: every branch once (JIT, statics)
            }

            // A real allocation shows in every attempt (hundreds of calls each); one-off runtime noise (tiering) does not.
            long fewest = long.MaxValue;
            for (int attempt = 0; attempt < 3 && fewest != 0; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int rep = 0; rep < 10; rep++)
                {
                    foreach (double[] row in rows)
                    {
                        evaluator.Evaluate(row, output);
                    }
                }

                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            fewest.ShouldBe(0L, $"model {n}");

            // The counter does see allocations: the convenience overload allocates its result array.
            long start = GC.GetAllocatedBytesForCurrentThread();
            _ = evaluator.Evaluate(rows[0]);
            (GC.GetAllocatedBytesForCurrentThread() - start).ShouldBeGreaterThan(0L);
        }
    }

    private static bool HasRepeatedKnots(KanLayer layer)
    {
        for (int m = 1; m < layer.Knots.Length; m++)
        {
            if (m % layer.KnotCount != 0 && layer.Knots[m] == layer.Knots[m - 1])
            {
                return true;
            }
        }

        return false;
    }

    private static System.Collections.Immutable.ImmutableArray<T> ImmutableArrayOf<T>(params T[] items) =>
        System.Collections.Immutable.ImmutableArray.Create(items);
}
