using System.Collections.Generic;
using System.Linq;
using Kan.Evaluation;
using Kan.Generator.Tests.Equivalence;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Scale;

/// <summary>A model of a quarter of a million spline terms, end to end: generated, compiled, loaded, checked.</summary>
public class LargeModelTests
{
    [Fact]
    public void A_model_of_over_200_000_terms_compiles_and_matches_the_evaluator()
    {
        KanModel model = ShapedModels.Create(new[] { 128, 40, 10 }, g: 5, k: 3, seed: 17, uniform: false);
        TableModeTests.Terms(model).ShouldBeGreaterThanOrEqualTo(200_000);
        var (result, assembly) = TableStrategyTests.Compile(new List<KanModel> { model }, "double", tableModeThreshold: null);
        string source = result.GeneratedSources.Single().SourceText.ToString();
        source.ShouldContain("private static readonly double[] L0Coef = Data(\"");
        source.Length.ShouldBeLessThan(6 * model.Layers.Sum(l => l.Coefficients.Length + l.Knots.Length + 2 * l.Mask.Length) + 20_000, "four chars per number, not a literal each");

        var evaluator = new KanEvaluator(model);
        var expected = new double[model.OutputCount];
        var actual = new double[model.OutputCount];
        foreach (double[] row in new RandomModels(17).Inputs(model, 300))
        {
            evaluator.Evaluate(row, expected);
            TableStrategyTests.Invoke(assembly, 0, row, actual);
            TableStrategyTests.Check(actual, expected, Tolerance.Double, 0, row);
        }
    }
}
