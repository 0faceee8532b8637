using System;
using System.Linq;
using Kan.Evaluation;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Float mode computes everything in float. docs/generator.md states the bound checked here:
/// |float result - double evaluator| &lt;= 1e-4 * max(1, |y|) on models of up to 3 layers with O(1) coefficients.
/// </summary>
public class FloatModeTests(ITestOutputHelper output)
{
    public const double Bound = 1e-4;

    [Fact]
    public void Float_mode_stays_within_the_documented_bound() => CheckBatch(new RandomModels(7));

    /// <summary>Grids up to G = 48 (guide tables built on the float-rounded knots, binary searches).</summary>
    [Fact]
    public void Float_mode_on_large_non_uniform_grids_stays_within_the_documented_bound() =>
        CheckBatch(new RandomModels(8) { MaxGrid = 48, MaxLayers = 2, MaxWidth = 4 });

    private void CheckBatch(RandomModels random)
    {
        var models = Enumerable.Range(0, 12).Select(_ => random.Next()).ToList();
        var compiled = CompiledModels.Compile(models, "float");
        double worst = 0;
        for (int m = 0; m < models.Count; m++)
        {
            var evaluator = new KanEvaluator(models[m]);
            var predict = compiled.PredictFloat(m);
            var expected = new double[models[m].OutputCount];
            var actual = new float[models[m].OutputCount];
            foreach (double[] row in random.Inputs(models[m], 2000))
            {
                // The float model sees the float-rounded input; the reference gets the same rounded value.
                float[] input = row.Select(v => (float)v).ToArray();
                evaluator.Evaluate(input.Select(v => (double)v).ToArray(), expected);
                predict(input, actual);
                for (int o = 0; o < expected.Length; o++)
                {
                    double error = Tolerance.Error(actual[o], expected[o]);
                    worst = Math.Max(worst, error);
                    error.ShouldBeLessThanOrEqualTo(Bound, $"model {m} output {o}: float {actual[o]:R} double {expected[o]:R}");
                }
            }
        }

        output.WriteLine("worst float error: " + worst.ToString("E2", System.Globalization.CultureInfo.InvariantCulture));
        worst.ShouldBeGreaterThan(0.0, "float mode must actually compute in float");
    }
}
