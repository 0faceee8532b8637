using System;
using System.Linq;
using Kan.Evaluation;
using Kan.Formulas;

namespace Kan.Runtime.Tests.Formulas;

/// <summary>The extracted formula of a fully symbolic model computes what the reference evaluator computes.</summary>
public class FormulaExtractionPropertyTests
{
    [Fact]
    public void Extracted_and_simplified_formulas_agree_with_the_evaluator_on_random_symbolic_models()
    {
        var rng = new Random(20240501);
        int multModels = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            KanModel model = RandomSymbolicModels.Create(rng);
            multModels += model.Layers.Any(l => l.MultArity.Length > 0) ? 1 : 0;
            var evaluator = new KanEvaluator(model);
            KanFormula raw = KanFormula.FromModel(model);
            raw.IsFullySymbolic.ShouldBeTrue();
            KanFormula simplified = raw.Simplify();
            simplified.IsFullySymbolic.ShouldBeTrue();
            for (int p = 0; p < 20; p++)
            {
                var x = new double[model.InputCount];
                for (int c = 0; c < x.Length; c++)
                {
                    x[c] = RandomSymbolicModels.Uniform(rng, -1, 1);
                }

                double[] expected = evaluator.Evaluate(x);
                double[] fromRaw = raw.Evaluate(x);
                double[] fromSimplified = simplified.Evaluate(x);
                for (int o = 0; o < expected.Length; o++)
                {
                    double scale = Math.Max(1.0, Math.Abs(expected[o]));
                    double.IsFinite(expected[o]).ShouldBeTrue();
                    (Math.Abs(fromRaw[o] - expected[o]) / scale).ShouldBeLessThanOrEqualTo(1e-12, $"trial {trial} raw {raw.ToText()}");
                    (Math.Abs(fromSimplified[o] - expected[o]) / scale).ShouldBeLessThanOrEqualTo(1e-9, $"trial {trial} simplified {simplified.ToText()}");
                }
            }
        }

        multModels.ShouldBeGreaterThan(50);
    }

    private static string Round10(KanFormula f) => string.Join("\n", f.Outputs.Select(o => FormulaSimplifier.RoundConstants(o, 10).ToString()));

    [Fact]
    public void Simplifying_twice_changes_nothing()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 100; trial++)
        {
            // Compared at 10 digits: regrouping may rescale a coefficient by x/lead*lead, off by an ulp.
            KanFormula once = KanFormula.FromModel(RandomSymbolicModels.Create(rng)).Simplify();
            Round10(once.Simplify()).ShouldBe(Round10(once));
        }
    }
}
