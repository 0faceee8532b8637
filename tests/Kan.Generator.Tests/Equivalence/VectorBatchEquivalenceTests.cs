using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics.X86;
using Kan.Evaluation;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// <c>PredictBatch</c> on .NET 9+ runs four rows at a time in vectors (ComputeRows4) and the rest one by one: on
/// random models (k 1..5, masks, symbolic mixes, multiplication nodes, input ids and normalisation), every row of a
/// batch must match the reference evaluator within 1e-12, inside the grid, outside it, exactly on knots, and for NaN,
/// infinities, huge values and signed zeros, in whichever lane or remainder position the row lands.
/// </summary>
public class VectorBatchEquivalenceTests
{
    private const int ModelsPerBatch = 16;
    private const int RandomRows = 4_000;

    /// <summary>
    /// Small grids count knots with vector compares; past 16 interior knots (some of the G <= 12 models, most of the
    /// G <= 48 ones) each lane runs the scalar search (guide table, binary search or arithmetic).
    /// </summary>
    [Theory]
    [InlineData(21, 12)]
    [InlineData(22, 12)]
    [InlineData(23, 12)]
    [InlineData(24, 48)]
    [InlineData(25, 48)]
    public void Batches_match_the_evaluator_row_by_row_within_1e_12(int seed, int maxGrid)
    {
        var random = new RandomModels(seed) { MaxGrid = maxGrid, MaxLayers = maxGrid > 12 ? 2 : 3, MaxWidth = maxGrid > 12 ? 4 : 5 };
        var models = Enumerable.Range(0, ModelsPerBatch).Select(_ => random.Next()).ToList();
        var compiled = CompiledModels.Compile(models);
        int vectorised = compiled.Sources.Count(s => s.Contains("ComputeRows4(inputs, outputs, rows)"));
        vectorised.ShouldBeGreaterThan(ModelsPerBatch / 2, "most random models have spline edges and take the vector path");
        compiled.Sources.ShouldContain(s => s.Contains("AtOrAbove(x0, "), "no model of the batch counted knots in vectors");
        if (maxGrid > 12)
        {
            compiled.Sources.ShouldContain(s => s.Contains("double lane = "), "no model of the batch searched lane by lane");
        }

        for (int m = 0; m < models.Count; m++)
        {
            KanModel model = models[m];
            var rows = random.Inputs(model, RandomRows);
            rows.AddRange(SpecialRows(model.InputCount, random.Random));
            // An odd count, so the last rows go through the scalar remainder loop.
            if (rows.Count % 4 == 0)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            double[] inputs = rows.SelectMany(r => r).ToArray();
            var outputs = new double[rows.Count * model.OutputCount];
            compiled.PredictBatch(m)(inputs, outputs);

            var evaluator = new KanEvaluator(model);
            var expected = new double[model.OutputCount];
            for (int r = 0; r < rows.Count; r++)
            {
                // Non-finite rows too: like the generated code, the evaluator leaves masked edges out (docs/kan-format.md).
                evaluator.Evaluate(rows[r], expected);

                for (int o = 0; o < expected.Length; o++)
                {
                    double actual = outputs[r * model.OutputCount + o];
                    Tolerance.Error(actual, expected[o]).ShouldBeLessThanOrEqualTo(
                        Tolerance.Double,
                        $"seed {seed} model {m} row {r} (lane {r % 4}) output {o} at ({string.Join(", ", rows[r].Select(v => v.ToString("R")))}): batch {actual:R}, evaluator {expected[o]:R}");
                }
            }
        }
    }

    [Fact]
    public void The_vector_path_runs_on_this_machine()
    {
        // The equivalence above only covers the vector code where it executes; say so when it cannot.
        Avx2.IsSupported.ShouldBeTrue("this machine has no AVX2: PredictBatch falls back to the scalar loop and the vector path goes untested here");
    }

    // Rows with one special value each, in a shuffled order so they land in different lanes.
    private static IEnumerable<double[]> SpecialRows(int columns, Random rng)
    {
        // Also arguments where exp leaves the normal doubles (silu's exp(-x) past 709.78 overflows, below -708 it is
        // subnormal), which the single call's own exp handles at its edges.
        double[] specials =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon, 1e300, -1e300,
            -745.2, -709.9, -709.78, -709.5, -709.08, -709.0, -708.01, -707.99, 707.99, 708.01, 709.0, 709.5, 745.2,
        };
        var rows = new List<double[]>();
        for (int c = 0; c < columns; c++)
        {
            foreach (double v in specials)
            {
                var row = Enumerable.Range(0, columns).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                row[c] = v;
                rows.Add(row);
            }
        }

        return rows.OrderBy(_ => rng.Next());
    }
}
