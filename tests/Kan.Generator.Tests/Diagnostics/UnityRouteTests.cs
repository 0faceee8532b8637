using System.Collections.Generic;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Format;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>
/// What works without MSBuild (Unity): models named <c>Name.Kan.Generator.additionalfile</c>, and options in the
/// file's <c>generator</c> object, checked by the same rules as item metadata, which wins where both are given.
/// </summary>
public class UnityRouteTests
{
    private static string WithGenerator(string generatorJson) =>
        BadKanFiles.Valid.Replace("\"metadata\": {\"formula\": \"y = f(c, a)\"},", "\"metadata\": {\"formula\": \"y = f(c, a)\"},\n  \"generator\": " + generatorJson + ",");

    [Theory]
    [InlineData("/Assets/Models/BallDrag.Kan.Generator.additionalfile", "BallDrag")]
    [InlineData("/Assets/Models/ball_drag.Kan.Generator.additionalfile", "BallDrag")]
    [InlineData("/Assets/Models/3body.Kan.Generator.additionalfile", "Model3body")]
    public void Unity_model_files_are_compiled_and_named_after_the_file_name_part(string path, string expectedType)
    {
        // Unity passes no item metadata and no RootNamespace.
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource(path, BadKanFiles.Valid) }, rootNamespace: null);
        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedSources.ShouldHaveSingleItem().HintName.ShouldBe(expectedType + ".g.cs");
        GeneratorHarness.Load(output).GetType(expectedType).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/Assets/Models/BallDrag.OtherAnalyzer.additionalfile")]
    [InlineData("/Assets/Models/BallDrag.kan.generator.additionalfile")]
    [InlineData("/Assets/Models/BallDrag.additionalfile")]
    [InlineData("/Assets/Models/BallDrag.Kan.Generator.txt")]
    public void Files_for_other_analyzers_are_ignored(string path)
    {
        var (result, _) = GeneratorHarness.Run(new[] { new KanSource(path, "not even JSON") });
        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedSources.ShouldBeEmpty();
    }

    [Fact]
    public void A_malformed_Unity_model_file_gives_KAN0001_located_in_that_file()
    {
        const string path = "/Assets/Models/Drag.Kan.Generator.additionalfile";
        var (result, _) = GeneratorHarness.Run(new[] { new KanSource(path, BadKanFiles.Valid.Replace("\"kan/1\"", "\"kan/2\"")) });
        result.GeneratedSources.ShouldBeEmpty();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("KAN0001");
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(path);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe((2, 13));
    }

    [Fact]
    public void The_generator_object_sets_every_option()
    {
        string text = WithGenerator("{\"class_name\": \"Steering\", \"namespace\": \"Game.AI\", \"accessibility\": \"internal\", \"precision\": \"float\", \"vector_batch\": false}");
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/Assets/Models/Drag.Kan.Generator.additionalfile", text) }, rootNamespace: null);
        result.Diagnostics.ShouldBeEmpty();
        var type = GeneratorHarness.Load(output).GetType("Game.AI.Steering")!;
        type.IsPublic.ShouldBeFalse();
        type.GetMethod("Predict", new[] { typeof(float), typeof(float), typeof(float) })!.ReturnType.ShouldBe(typeof(float));
        result.GeneratedSources.Single().SourceText.ToString().ShouldNotContain("ComputeRows4");
    }

    [Fact]
    public void The_generator_object_false_vector_batch_matters_for_double_models()
    {
        string Source(string generator) => GeneratorHarness.Run(new[] { new KanSource("/p/m.kan", WithGenerator(generator)) }).Result.GeneratedSources.Single().SourceText.ToString();
        Source("{\"vector_batch\": false}").ShouldNotContain("ComputeRows4");
        Source("{\"vector_batch\": true}").ShouldContain("ComputeRows4");
        Source("{}").ShouldContain("ComputeRows4");
    }

    [Fact]
    public void Item_metadata_wins_over_the_generator_object_option_by_option()
    {
        string text = WithGenerator("{\"class_name\": \"FromFile\", \"namespace\": \"File.Ns\", \"precision\": \"float\"}");
        var metadata = new Dictionary<string, string> { ["KanClassName"] = "FromMetadata", ["KanPrecision"] = "double" };
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/p/m.kan", text, metadata) });
        result.Diagnostics.ShouldBeEmpty();
        var type = GeneratorHarness.Load(output).GetType("File.Ns.FromMetadata")!;
        type.GetMethod("Predict", new[] { typeof(double), typeof(double), typeof(double) }).ShouldNotBeNull();
    }

    [Fact]
    public void A_bad_metadata_value_is_reported_even_when_the_file_value_is_good()
    {
        string text = WithGenerator("{\"precision\": \"float\"}");
        var (result, _) = GeneratorHarness.Run(new[] { new KanSource("/p/m.kan", text, new Dictionary<string, string> { ["KanPrecision"] = "half" }) });
        result.Diagnostics.ShouldHaveSingleItem().GetMessage().ShouldStartWith("KanPrecision 'half'");
    }

    [Theory]
    [InlineData("class_name", "\"1Model\"", "a class name must be a C# identifier")]
    [InlineData("class_name", "\"class\"", "a class name must be a C# identifier")]
    [InlineData("namespace", "\"A..B\"", "expected dotted C# identifiers")]
    [InlineData("accessibility", "\"private\"", "expected public or internal")]
    [InlineData("precision", "\"half\"", "expected double or float")]
    [InlineData("precision", "\"Float\"", "expected double or float")]
    public void A_bad_generator_value_gives_KAN0002_at_the_value(string field, string json, string expected)
    {
        const string path = "/Assets/Models/Drag.Kan.Generator.additionalfile";
        string text = WithGenerator("{\"" + field + "\": " + json + "}");
        var (result, _) = GeneratorHarness.Run(new[] { new KanSource(path, text) });
        result.GeneratedSources.ShouldBeEmpty();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("KAN0002");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.GetMessage().ShouldBe("generator." + field + " '" + json.Trim('"') + "' for 'Drag.Kan.Generator.additionalfile' is not valid: " + diagnostic.GetMessage().Split(": ", 2)[1]);
        diagnostic.GetMessage().ShouldContain(expected);
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(path);
        int line = text.Split('\n').TakeWhile(l => !l.Contains("\"generator\"")).Count();
        int column = text.Split('\n')[line].IndexOf(json, System.StringComparison.Ordinal);
        (span.StartLinePosition.Line, span.StartLinePosition.Character).ShouldBe((line, column));
        (span.EndLinePosition.Character - span.StartLinePosition.Character).ShouldBe(json.Length);
    }
}
