using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Interop;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Generated predictors allocate nothing per call, on every path the generator emits (unrolled, table mode,
/// symbolic-only, vector batch, scalar batch, float) and every overload (array, span, batch), for inputs inside and
/// outside the grid, exactly on knots, NaN, infinite and huge. The counter is per thread, so tests running in
/// parallel cannot disturb it, and a control proves it sees a small allocation.
/// </summary>
public class AllocationTests
{
    private delegate void SpanPredict(ReadOnlySpan<double> input, Span<double> output);

    private delegate void SpanPredictFloat(ReadOnlySpan<float> input, Span<float> output);

    private static double[]? _sink;

    [Fact]
    public void The_counter_sees_an_allocation_as_small_as_one_array()
    {
        FewestBytes(() => _sink = new double[1]).ShouldBeGreaterThan(0);
        FewestBytes(() => { }).ShouldBe(0);
    }

    [Fact]
    public void Predict_allocates_nothing_on_any_emitted_path()
    {
        var random = new RandomModels(5);
        KanModel small = random.Next();
        KanModel symbolicOnly = PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", "toy_symbolic.json"));
        var models = new[] { small, TableModeTests.LargeModels(12, 1)[0], symbolicOnly };
        var vector = CompiledModels.Compile(models);
        var scalarBatch = CompiledModels.Compile(new[] { small }, vectorBatch: false);
        var single = CompiledModels.Compile(new[] { small, symbolicOnly }, "float");

        // Which path each compiled model takes, so a generator change cannot quietly drop one from this test.
        vector.Sources[0].ShouldContain("row = ComputeRows4(inputs, outputs, rows);", Case.Sensitive, "the small model's batch takes the vector path");
        vector.Sources[1].ShouldContain(TableModeTests.TableMarker, Case.Sensitive, "the large model is in table mode");
        symbolicOnly.Layers.ShouldAllBe(l => l.Mask.All(m => m == 0.0) && l.Symbolic.Length > 0);
        vector.Sources[2].ShouldNotContain("ComputeRows4", Case.Sensitive, "a symbolic-only model has no spline to vectorise");
        scalarBatch.Sources[0].ShouldNotContain("ComputeRows4", Case.Sensitive, "KanVectorBatch=false keeps the scalar batch loop");

        for (int m = 0; m < models.Length; m++)
        {
            Check(vector, m, Rows(random, models[m]), "model " + m);
        }

        Check(scalarBatch, 0, Rows(random, small), "scalar batch");
        for (int m = 0; m < 2; m++)
        {
            CheckFloat(single, m, Rows(random, m == 0 ? small : symbolicOnly), "float model " + m);
        }
    }

    /// <summary>Rows inside and outside the grid and on every first-layer knot, then NaN, infinite and huge values in each column.</summary>
    private static List<double[]> Rows(RandomModels random, KanModel model)
    {
        List<double[]> rows = random.Inputs(model, 20);
        foreach (double special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -0.0 })
        {
            for (int c = 0; c < model.InputCount; c++)
            {
                var row = new double[model.InputCount];
                row[c] = special;
                rows.Add(row);
            }
        }

        return rows;
    }

    private static void Check(CompiledModels compiled, int m, List<double[]> rows, string what)
    {
        var type = compiled.Type(m);
        var array = compiled.Predict(m);
        var batch = compiled.PredictBatch(m);
        var span = type.GetMethods().Single(x => x.Name == "Predict" && x.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<double>)).CreateDelegate<SpanPredict>();
        double[] inputs = rows.SelectMany(r => r).ToArray();
        int outputsPerRow = (int)type.GetField("OutputCount")!.GetValue(null)!;
        var outputs = new double[rows.Count * outputsPerRow];
        var result = new double[outputsPerRow];
        FewestBytes(() =>
        {
            foreach (double[] row in rows)
            {
                array(row, result);
                span(row, result);
            }

            batch(inputs, outputs);
        }).ShouldBe(0, what);
    }

    private static void CheckFloat(CompiledModels compiled, int m, List<double[]> rows, string what)
    {
        var type = compiled.Type(m);
        var array = compiled.PredictFloat(m);
        var batch = type.GetMethod("PredictBatch", new[] { typeof(float[]), typeof(float[]) })!.CreateDelegate<Action<float[], float[]>>();
        var span = type.GetMethods().Single(x => x.Name == "Predict" && x.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<float>)).CreateDelegate<SpanPredictFloat>();
        float[][] floatRows = rows.Select(r => r.Select(v => (float)v).ToArray()).ToArray();
        float[] inputs = floatRows.SelectMany(r => r).ToArray();
        int outputsPerRow = (int)type.GetField("OutputCount")!.GetValue(null)!;
        var outputs = new float[rows.Count * outputsPerRow];
        var result = new float[outputsPerRow];
        FewestBytes(() =>
        {
            foreach (float[] row in floatRows)
            {
                array(row, result);
                span(row, result);
            }

            batch(inputs, outputs);
        }).ShouldBe(0, what);
    }

    /// <summary>
    /// The fewest bytes this thread allocated in one of five rounds of 50 calls, after a warm-up: tier-up or
    /// on-stack replacement can compile a method on this thread mid-round (a one-off runtime allocation), whereas
    /// an allocation in the code under test shows in every round.
    /// </summary>
    private static long FewestBytes(Action work)
    {
        for (int warm = 0; warm < 100; warm++)
        {
            work();
        }

        long fewest = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                work();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
