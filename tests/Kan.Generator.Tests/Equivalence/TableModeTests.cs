using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Evaluation;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>Past the size threshold the generator switches to tables (KAN0003); results stay within 1e-12.</summary>
public class TableModeTests
{
    /// <summary>Same count as the generator's: active spline edges x intervals x (k + 1).</summary>
    public static long Terms(KanModel model) => model.Layers.Sum(l =>
        (long)Enumerable.Range(0, l.Mask.Length).Count(e => l.Mask[e] != 0.0 && l.ScaleSpline[e] != 0.0) * (l.KnotCount - 1) * (l.K + 1));

    /// <summary>
    /// Random models past the table threshold. Wide layers can cancel so much that two correct pykan-order evaluators
    /// (the runtime's and the independent naive one) already differ by more than 1e-12; such models test rounding,
    /// not the generator, so only models on which those two agree within 1e-13 are kept.
    /// </summary>
    public static List<KanModel> LargeModels(int seed, int count)
    {
        var random = new RandomModels(seed) { MaxWidth = 12, MaxGrid = 40, MaxLayers = 2 };
        var models = new List<KanModel>();
        while (models.Count < count)
        {
            KanModel m = random.Next();
            if (Terms(m) > 20000 && WellConditioned(m, random))
            {
                models.Add(m);
            }
        }

        return models;
    }

    private static bool WellConditioned(KanModel model, RandomModels random)
    {
        var evaluator = new KanEvaluator(model);
        foreach (double[] row in random.Inputs(model, 100))
        {
            double[] a = evaluator.Evaluate(row);
            double[] b = NaiveKan.Evaluate(model, row);
            if (a.Zip(b).Any(p => Tolerance.Error(p.First, p.Second) > 1e-13))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Large_models_use_tables_report_KAN0003_and_match_the_evaluator()
    {
        var random = new RandomModels(11);
        var models = LargeModels(11, 3);
        var sources = models.Select((m, i) => new KanSource("/p/big" + i + ".kan", KanFile.ToText(m), new Dictionary<string, string> { ["KanClassName"] = "Big" + i })).ToList();
        var (result, output) = GeneratorHarness.Run(sources);
        result.Diagnostics.Length.ShouldBe(models.Count);
        result.Diagnostics.ShouldAllBe(d => d.Id == "KAN0003" && d.Severity == DiagnosticSeverity.Warning);
        result.GeneratedSources.ShouldAllBe(s => s.SourceText.ToString().Contains("private static readonly double[] L0Coef = Data("));
        var assembly = GeneratorHarness.Load(output);
        for (int m = 0; m < models.Count; m++)
        {
            var predict = assembly.GetType("Generated.Big" + m)!.GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();
            var evaluator = new KanEvaluator(models[m]);
            var expected = new double[models[m].OutputCount];
            var actual = new double[models[m].OutputCount];
            foreach (double[] row in random.Inputs(models[m], 2000))
            {
                evaluator.Evaluate(row, expected);
                predict(row, actual);
                for (int o = 0; o < expected.Length; o++)
                {
                    Tolerance.Error(actual[o], expected[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, $"model {m} output {o}");
                }
            }
        }
    }
}
