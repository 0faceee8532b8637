using System.Collections.Generic;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Format;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>Item metadata: defaults, valid overrides, and KAN0002 for values that cannot be used.</summary>
public class MetadataDiagnosticsTests
{
    [Theory]
    [InlineData("KanClassName", "1Model")]
    [InlineData("KanClassName", "class")]
    [InlineData("KanClassName", "My Model")]
    [InlineData("KanClassName", "A.B")]
    [InlineData("KanNamespace", "A..B")]
    [InlineData("KanNamespace", "A.namespace")]
    [InlineData("KanNamespace", "A-B")]
    [InlineData("KanAccessibility", "private")]
    [InlineData("KanPrecision", "half")]
    [InlineData("KanPrecision", "Double")]
    [InlineData("KanVectorBatch", "yes")]
    [InlineData("KanVectorBatch", "False")]
    public void Invalid_metadata_gives_KAN0002_and_no_source(string key, string value)
    {
        var (result, _) = GeneratorHarness.Run(new[]
        {
            new KanSource("/p/model.kan", BadKanFiles.Valid, new Dictionary<string, string> { [key] = value }),
        });

        result.GeneratedSources.ShouldBeEmpty();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("KAN0002");
        diagnostic.GetMessage().ShouldContain(key);
        diagnostic.GetMessage().ShouldContain(value);
    }

    [Theory]
    [InlineData("ball_drag.kan", null, "Root.App", "Root.App.BallDrag")]
    [InlineData("ball-drag.v2.kan", null, "Root", "Root.BallDragV2")]
    [InlineData("3body.kan", null, null, "Model3body")]
    [InlineData("m.kan", "Custom", "Root", "Root.Custom")]
    [InlineData("odd.kan", null, "my-app.1st", "my_app._1st.Odd")]
    public void Class_and_namespace_default_from_file_name_and_root_namespace(string file, string? className, string? root, string expectedType)
    {
        var metadata = className is null ? null : new Dictionary<string, string> { ["KanClassName"] = className };
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/p/" + file, BadKanFiles.Valid, metadata) }, root);
        result.Diagnostics.ShouldBeEmpty();
        GeneratorHarness.Load(output).GetType(expectedType).ShouldNotBeNull();
    }

    [Fact]
    public void Namespace_accessibility_and_precision_are_applied()
    {
        var (result, output) = GeneratorHarness.Run(new[]
        {
            new KanSource("/p/m.kan", BadKanFiles.Valid, new Dictionary<string, string>
            {
                ["KanNamespace"] = "Other.Place", ["KanAccessibility"] = "internal", ["KanPrecision"] = "float",
            }),
        });

        result.Diagnostics.ShouldBeEmpty();
        var type = GeneratorHarness.Load(output).GetType("Other.Place.M")!;
        type.IsPublic.ShouldBeFalse();
        type.GetMethods().Where(m => m.Name == "Predict").ShouldAllBe(m => m.GetParameters().All(p => p.ParameterType != typeof(double[])));
        type.GetMethod("Predict", new[] { typeof(float), typeof(float), typeof(float) })!.ReturnType.ShouldBe(typeof(float));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void KanVectorBatch_turns_the_vector_batch_path_off(string? value, bool vectorised)
    {
        var metadata = value is null ? null : new Dictionary<string, string> { ["KanVectorBatch"] = value };
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/p/m.kan", BadKanFiles.Valid, metadata) });
        result.Diagnostics.ShouldBeEmpty();
        string source = result.GeneratedSources.ShouldHaveSingleItem().SourceText.ToString();
        source.Contains("ComputeRows4").ShouldBe(vectorised);

        var type = GeneratorHarness.Load(output).GetType("Generated.M")!;
        var batch = type.GetMethod("PredictBatch", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<System.Action<double[], double[]>>();
        var single = type.GetMethod("Predict", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<System.Action<double[], double[]>>();
        int columns = (int)type.GetField("InputCount")!.GetValue(null)!, outputs = (int)type.GetField("OutputCount")!.GetValue(null)!;
        var rows = Enumerable.Range(0, 9 * columns).Select(i => 0.37 * i - 1.5).ToArray();
        var actual = new double[9 * outputs];
        batch(rows, actual);
        var expected = new double[outputs];
        for (int r = 0; r < 9; r++)
        {
            single(rows.Skip(r * columns).Take(columns).ToArray(), expected);
            for (int o = 0; o < outputs; o++)
            {
                Tolerance.Error(actual[r * outputs + o], expected[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double);
            }
        }
    }

    [Fact]
    public void Two_files_generating_the_same_class_give_KAN0004()
    {
        var (result, _) = GeneratorHarness.Run(new[]
        {
            new KanSource("/p/a/model.kan", BadKanFiles.Valid),
            new KanSource("/p/b/model.kan", BadKanFiles.Valid),
        });

        result.GeneratedSources.Length.ShouldBe(1);
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("KAN0004");
    }
}
