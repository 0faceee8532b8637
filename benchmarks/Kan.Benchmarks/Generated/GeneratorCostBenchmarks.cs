extern alias gen;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Kan.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Kan.Benchmarks.Generated;

/// <summary>
/// The generator's own cost for one model, from .kan text to C# source (a fresh driver each time, so nothing is
/// cached): the toy spline model, a large unrolled model ([8,16,4] G=20 k=3, just under the table threshold) and a
/// table-mode model ([16,32,4] G=30 k=3).
/// </summary>
[MemoryDiagnoser]
public class GeneratorCostBenchmarks
{
    private readonly CSharpCompilation _compilation = CSharpCompilation.Create("Cost", references: new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
    private string _small = null!;
    private string _large = null!;
    private string _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "toy_spline.kan"));
        _large = KanFile.ToText(Kan.Benchmarks.Evaluation.SplineModels.Create(new[] { 8, 16, 4 }, g: 20, k: 3, seed: 1));
        _table = KanFile.ToText(Kan.Benchmarks.Evaluation.SplineModels.Create(new[] { 16, 32, 4 }, g: 30, k: 3, seed: 1));
    }

    [Benchmark]
    public int Small_toy_spline() => Run(_small);

    [Benchmark]
    public int Large_unrolled() => Run(_large);

    [Benchmark]
    public int Large_table_mode() => Run(_table);

    private int Run(string text)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new gen::Kan.Generator.KanGenerator())
            .AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new Text("/m/model.kan", text)));
        driver = driver.RunGenerators(_compilation);
        return driver.GetRunResult().Results[0].GeneratedSources.Sum(s => s.SourceText.Length);
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
