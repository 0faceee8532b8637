using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Kan.Format;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Support;

/// <summary>
/// Many models generated and compiled together (one Roslyn compilation per batch keeps the suite fast), each
/// reachable through its generated <c>Predict(double[], double[])</c>.
/// </summary>
public sealed class CompiledModels
{
    private readonly Assembly _assembly;

    private CompiledModels(Assembly assembly, IReadOnlyList<string> classNames, IReadOnlyList<string> sources)
    {
        _assembly = assembly;
        ClassNames = classNames;
        Sources = sources;
    }

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The generated source of every model, in order (to check which code paths a batch exercised).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <param name="vectorBatch">The KanVectorBatch metadata: false compiles PredictBatch as the plain loop over Predict's code.</param>
    public static CompiledModels Compile(IReadOnlyList<KanModel> models, string precision = "double", bool vectorBatch = true)
    {
        var sources = models.Select((m, i) => new KanSource(
            "/models/m" + i + ".kan",
            KanFile.ToText(m),
            new Dictionary<string, string> { ["KanClassName"] = "M" + i, ["KanPrecision"] = precision, ["KanVectorBatch"] = vectorBatch ? "true" : "false" })).ToList();
        var (result, output) = GeneratorHarness.Run(sources, "Generated");
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        result.GeneratedSources.Length.ShouldBe(models.Count);
        var classNames = models.Select((_, i) => "Generated.M" + i).ToList();
        var texts = classNames.Select(c => result.GeneratedSources.Single(g => g.HintName == c + ".g.cs").SourceText.ToString()).ToList();
        return new CompiledModels(GeneratorHarness.Load(output), classNames, texts);
    }

    public Type Type(int index) => _assembly.GetType(ClassNames[index], throwOnError: true)!;

    public Action<double[], double[]> Predict(int index) =>
        Type(index).GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();

    public Action<double[], double[]> PredictBatch(int index) =>
        Type(index).GetMethod("PredictBatch", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();

    public Action<float[], float[]> PredictFloat(int index) =>
        Type(index).GetMethod("Predict", new[] { typeof(float[]), typeof(float[]) })!.CreateDelegate<Action<float[], float[]>>();

}
