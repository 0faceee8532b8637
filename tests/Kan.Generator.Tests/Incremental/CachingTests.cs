extern alias gen;
using System.Collections.Generic;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TrackingNames = gen::Kan.Generator.TrackingNames;

namespace Kan.Generator.Tests.Incremental;

/// <summary>The pipeline caches: unrelated edits regenerate nothing, editing one model regenerates only that model.</summary>
public class CachingTests
{
    private static readonly string[] Steps =
    {
        TrackingNames.Files, TrackingNames.ProjectOptions, TrackingNames.HasSpan, TrackingNames.HasMathF, TrackingNames.ProjectFacts, TrackingNames.Models, TrackingNames.Duplicates,
    };

    [Fact]
    public void Unrelated_source_edit_leaves_every_step_cached()
    {
        var files = new[] { new KanSource("/p/a.kan", BadKanFiles.Valid), new KanSource("/p/b.kan", BadKanFiles.Valid) };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        foreach (string step in Steps)
        {
            result.TrackedSteps.ShouldContainKey(step);
            foreach (var run in result.TrackedSteps[step])
            {
                run.Outputs.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged, step);
            }
        }

        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_model_regenerates_only_that_model()
    {
        var a = new InMemoryAdditionalText("/p/a.kan", BadKanFiles.Valid);
        var b = new InMemoryAdditionalText("/p/b.kan", BadKanFiles.Valid);
        var options = new DictionaryOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Root" }, new Dictionary<string, IReadOnlyDictionary<string, string>>());
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new AdditionalText[] { a, b }, options, trackSteps: true);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        driver = driver.RunGenerators(compilation);
        var newB = new InMemoryAdditionalText(b.Path, BadKanFiles.Valid.Replace("\"node_bias\": [0, 0]", "\"node_bias\": [0, 0.5]"));
        newB.GetText()!.ToString().ShouldNotBe(BadKanFiles.Valid);
        driver = driver.ReplaceAdditionalText(b, newB).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(r => r.Outputs).ToList();
        models.Count.ShouldBe(2);
        models.Count(o => o.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        models.Count(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged).ShouldBe(1);
        var modifiedSpec = models.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value.ToString()!;
        modifiedSpec.ShouldContain("b.kan");
    }
}
