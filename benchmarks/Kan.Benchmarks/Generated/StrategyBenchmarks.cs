extern alias gen;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Kan.Benchmarks.Evaluation;
using Kan.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Kan.Benchmarks.Generated;

/// <summary>
/// One single Predict of the same model compiled both ways, unrolled and with tables (KanTableModeThreshold 0), up
/// to [8,16,1] G=3 (on the size ladder [12,24,1] next keeps unrolled code without its vector batch layer, and
/// [14,28,1] switches to tables). Each
/// model is generated and compiled in memory (Release) in the setup; each call reads the next of 1024 inputs in [-1, 1].
/// </summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private const int Mask = 1023;
    private Action<double[], double[]> _unrolled = null!;
    private Action<double[], double[]> _table = null!;
    private double[][] _rows = null!;
    private double[] _out = null!;
    private int _i;

    [Params("[2,5,1] G=5", "[4,8,1] G=5", "[8,16,1] G=3")]
    public string Model { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Model.Split(' ');
        int[] widths = parts[0].Trim('[', ']').Split(',').Select(int.Parse).ToArray();
        KanModel model = SplineModels.Create(widths, int.Parse(parts[1].Substring(2)), k: 3, seed: 1);
        string text = KanFile.ToText(model);
        _unrolled = Compile(text, long.MaxValue, "unrolled");
        _table = Compile(text, 0, "table");
        var rng = new Random(3);
        _rows = Enumerable.Range(0, Mask + 1).Select(_ => Enumerable.Range(0, model.InputCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray()).ToArray();
        _out = new double[model.OutputCount];
    }

    [Benchmark(Baseline = true)]
    public double Unrolled()
    {
        _unrolled(_rows[_i++ & Mask], _out);
        return _out[0];
    }

    [Benchmark]
    public double Table()
    {
        _table(_rows[_i++ & Mask], _out);
        return _out[0];
    }

    private static Action<double[], double[]> Compile(string text, long threshold, string strategy)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET9_0_OR_GREATER" });
        var compilation = CSharpCompilation.Create("Strategy" + strategy, Array.Empty<SyntaxTree>(), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new gen::Kan.Generator.KanGenerator().AsSourceGenerator() },
            new AdditionalText[] { new Text("/m/model.kan", text) },
            parse,
            new Options(threshold));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        string source = output.SyntaxTrees.Last().ToString();
        if (source.Contains("= Data(\"") != (strategy == "table"))
        {
            throw new InvalidOperationException("the model did not compile " + strategy);
        }

        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emit.Diagnostics.Take(5)));
        }

        Assembly assembly = Assembly.Load(stream.ToArray());
        return assembly.GetType("Model")!.GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(long threshold) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new Dictionary<string, string> { ["build_property.KanTableModeThreshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new Dictionary<string, string>());
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
