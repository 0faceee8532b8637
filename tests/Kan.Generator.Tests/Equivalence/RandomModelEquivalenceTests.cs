using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Evaluation;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Generated code against the reference evaluator on random models (shapes, G, k 1..5, uniform, non-uniform and
/// repeated knots, masks, symbolic mixes, multiplication nodes, input ids and normalisation), at 10 000+ inputs
/// per model inside the grid, outside it and exactly on every first-layer knot. Half the seeds compile with the
/// vector code (on .NET 9+ with AVX2 small models then predict in vectors, CallLayer), half without (the scalar
/// Layer methods, which netstandard2.0 and older targets run).
/// </summary>
public class RandomModelEquivalenceTests
{
    private const int ModelsPerBatch = 20;
    private const int InputsPerModel = 10_000;

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void Generated_code_matches_the_evaluator_within_1e_12(int seed, bool vector)
    {
        var compiled = CheckBatch(new RandomModels(seed), seed, vector);
        if (vector)
        {
            compiled.Sources.ShouldContain(s => s.Contains("CallLayer0("), "no model of the batch predicts in vectors");
        }
        else
        {
            compiled.Sources.ShouldAllBe(s => !s.Contains("CallLayer0("));
        }
    }

    /// <summary>
    /// Grids up to G = 48 with clustered and repeated knots: past 12 interior knots a non-uniform grid is searched
    /// through a guide table (or, where knots crowd too much for one, a binary search), so this covers those paths.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Large_non_uniform_grids_match_the_evaluator_within_1e_12(int seed)
    {
        var compiled = CheckBatch(new RandomModels(seed) { MaxGrid = 48, MaxLayers = 2, MaxWidth = 4 }, seed);
        compiled.Sources.ShouldContain(s => s.Contains("Guide0["), "no model of the batch used a guide table");
    }

    private static CompiledModels CheckBatch(RandomModels random, int seed, bool vector = true)
    {
        var models = Enumerable.Range(0, ModelsPerBatch).Select(_ => random.Next()).ToList();
        var compiled = CompiledModels.Compile(models, vectorBatch: vector);
        double worst = 0;
        for (int m = 0; m < models.Count; m++)
        {
            var evaluator = new KanEvaluator(models[m]);
            var predict = compiled.Predict(m);
            var expected = new double[models[m].OutputCount];
            var actual = new double[models[m].OutputCount];
            List<double[]> rows = random.Inputs(models[m], InputsPerModel);
            foreach (double[] row in rows)
            {
                evaluator.Evaluate(row, expected);
                predict(row, actual);
                for (int o = 0; o < expected.Length; o++)
                {
                    double error = Tolerance.Error(actual[o], expected[o]);
                    worst = Math.Max(worst, error);
                    error.ShouldBeLessThanOrEqualTo(Tolerance.Double, $"seed {seed} model {m} output {o} at ({string.Join(", ", row.Select(v => v.ToString("R")))}): generated {actual[o]:R}, evaluator {expected[o]:R}");
                }
            }
        }

        worst.ShouldBeLessThanOrEqualTo(Tolerance.Double);
        return compiled;
    }
}
