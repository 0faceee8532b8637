using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Kan.Engines.Tests.Support;
using Kan.Evaluation;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Kan.Engines.Tests;

/// <summary>
/// Every model under samples/, given to the DLL as Unity would give it (a Name.Kan.Generator.additionalfile whose
/// generator object picks the precision; no item metadata, no RootNamespace), compiles as C# 9 against netstandard2.1
/// without a diagnostic, and predicts what the runtime evaluator computes: within 1e-12 in double, within the bound
/// docs/generator.md states for float (1e-4 * max(1, |y|), on the same float-rounded inputs).
/// </summary>
public class SampleModelTests
{
    private const double FloatBound = 1e-4;

    public static IEnumerable<object[]> Precisions => new[] { new object[] { "double" }, new object[] { "float" } };

    private static List<(string File, KanModel Model)> SampleModels()
    {
        string samples = Path.Combine(EngineCompiler.RepositoryRoot, "samples");
        var files = Directory.EnumerateFiles(samples, "*.kan", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(samples, "*.Kan.Generator.additionalfile", SearchOption.AllDirectories))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(3, "the QuickStart, GameLoop and Unity models");
        return files.Select(f => (f, KanFile.Parse(File.ReadAllText(f), f))).ToList();
    }

    [Theory]
    [MemberData(nameof(Precisions))]
    public void Sample_models_compile_for_netstandard2_1_with_CSharp9_and_match_the_evaluator(string precision)
    {
        var models = SampleModels();
        var files = models.Select((m, i) =>
        {
            KanModel model = m.Model;
            var unity = new KanModel(model.InputNames, model.OutputNames, model.InputIds, model.Layers, model.Metadata, model.Name,
                model.InputScale, model.InputBias, new GeneratorSettings("M" + i, "Samples", "public", precision));
            return ("/Project/Assets/Models/M" + i + ".Kan.Generator.additionalfile", KanFile.ToText(unity));
        }).ToList();

        var (generatorDiagnostics, output) = EngineCompiler.Run(files, new[] { EngineCompiler.NetStandard21 });
        generatorDiagnostics.ShouldBeEmpty();
        EngineCompiler.Problems(output).ShouldBeEmpty();
        string generated = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        if (precision == "float")
        {
            generated.ShouldContain("global::System.MathF.", Case.Sensitive, "netstandard2.1 has MathF");
            generated.ShouldNotContain("(float)global::System.Math.");
        }

        var context = new AssemblyLoadContext("samples-" + precision, isCollectible: true);
        try
        {
            Assembly assembly = EngineCompiler.Load(output, context);
            for (int i = 0; i < models.Count; i++)
            {
                Type type = assembly.GetType("Samples.M" + i, throwOnError: true)!;
                double worst = precision == "double" ? CheckDouble(type, models[i].Model) : CheckFloat(type, models[i].Model);
                worst.ShouldBeLessThanOrEqualTo(precision == "double" ? Tolerance.Double : FloatBound, models[i].File);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static double CheckDouble(Type type, KanModel model)
    {
        var predict = type.GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();
        var evaluator = new KanEvaluator(model);
        var expected = new double[model.OutputCount];
        var actual = new double[model.OutputCount];
        double worst = 0;
        foreach (double[] row in new RandomModels(15).Inputs(model, 3000))
        {
            evaluator.Evaluate(row, expected);
            predict(row, actual);
            for (int o = 0; o < expected.Length; o++)
            {
                worst = Math.Max(worst, Tolerance.Error(actual[o], expected[o]));
            }
        }

        return worst;
    }

    private static double CheckFloat(Type type, KanModel model)
    {
        var predict = type.GetMethod("Predict", new[] { typeof(float[]), typeof(float[]) })!.CreateDelegate<Action<float[], float[]>>();
        var evaluator = new KanEvaluator(model);
        var expected = new double[model.OutputCount];
        var actual = new float[model.OutputCount];
        double worst = 0;
        foreach (double[] row in new RandomModels(16).Inputs(model, 3000))
        {
            float[] input = row.Select(v => (float)v).ToArray();
            evaluator.Evaluate(input.Select(v => (double)v).ToArray(), expected);
            predict(input, actual);
            for (int o = 0; o < expected.Length; o++)
            {
                worst = Math.Max(worst, Tolerance.Error(actual[o], expected[o]));
            }
        }

        worst.ShouldBeGreaterThan(0.0, "a float model must compute in float");
        return worst;
    }
}
