using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Kan.Format;
using Kan.Format.Json;
using Kan.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>
/// A constant no strategy can hold (finite in the file, infinite as the generated code's number type) is KAN0005 at
/// that value's line and column, naming its path in the file, with no source: over random models, layers, fields
/// and positions.
/// </summary>
public class UncompilableDiagnosticsTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 12; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_value_too_large_for_float_is_KAN0005_at_that_value(int seed)
    {
        var rng = new Random(seed);
        int[] widths = { 1 + rng.Next(3), 1 + rng.Next(4), 1 + rng.Next(2) };
        KanModel model = ShapedModels.Create(widths, g: 3 + rng.Next(4), k: 1 + rng.Next(3), seed: seed);
        int layer = rng.Next(2);
        KanLayer l = model.Layers[layer];
        int i = rng.Next(l.InputCount), j = rng.Next(l.SubnodeCount);
        // The last knot of a row, so the row stays non-decreasing; anything else anywhere.
        object[] path = (seed % 4) switch
        {
            0 => new object[] { "coef", i, j, rng.Next(l.CoefficientCount) },
            1 => new object[] { "scale_sp", i, j },
            2 => new object[] { "scale_base", i, j },
            _ => new object[] { "knots", i, l.KnotCount - 1 },
        };

        string text = Replace(KanFile.ToText(model), "1e300", new object[] { "layers", layer }.Concat(path).ToArray(), out TextPosition at);
        Diagnostic diagnostic = Single(text, "float");

        diagnostic.Id.ShouldBe("KAN0005");
        string expectedPath = "layers[" + layer + "]." + path[0] + string.Concat(path.Skip(1).Select(p => "[" + p + "]"));
        diagnostic.GetMessage(CultureInfo.InvariantCulture).ShouldContain(expectedPath + " ");
        diagnostic.GetMessage(CultureInfo.InvariantCulture).ShouldContain("a float");
        FileLinePositionSpan where = diagnostic.Location.GetLineSpan();
        (where.StartLinePosition.Line + 1, where.StartLinePosition.Character + 1).ShouldBe((at.Line, at.Column));
        where.EndLinePosition.Character.ShouldBe(at.Column - 1 + "1e300".Length);
    }

    /// <summary>The constants every strategy writes verbatim: symbolic constants, node affines, input normalisation.</summary>
    [Theory]
    [InlineData("layers.0.symbolic.0.a")]
    [InlineData("layers.0.symbolic.0.b")]
    [InlineData("layers.0.symbolic.0.c")]
    [InlineData("layers.1.symbolic.0.d")]
    [InlineData("layers.0.subnode_scale.2")]
    [InlineData("layers.1.subnode_bias.0")]
    [InlineData("layers.0.node_scale.1")]
    [InlineData("layers.1.node_bias.0")]
    [InlineData("input_normalization.scale.1")]
    [InlineData("input_normalization.bias.0")]
    public void A_verbatim_constant_too_large_for_float_is_KAN0005_at_that_value(string where)
    {
        KanModel shaped = ShapedModels.Create(new[] { 2, 3, 1 }, g: 4, k: 3, seed: 9);
        KanLayer WithSymbolic(KanLayer layer, int i, int j)
        {
            KanLayer.Builder builder = layer.ToBuilder();
            builder.Symbolic = ImmutableArray.Create(new SymbolicEdge(i, j, "sin", 1.5, 0.25, 0.75, -0.125, 1.0));
            return builder.Build();
        }

        var model = new KanModel(shaped.InputNames, shaped.OutputNames, shaped.InputIds,
            ImmutableArray.Create(WithSymbolic(shaped.Layers[0], 1, 2), WithSymbolic(shaped.Layers[1], 2, 0)),
            inputScale: ImmutableArray.Create(2.0, 0.5), inputBias: ImmutableArray.Create(0.25, -1.0));
        object[] path = where.Split('.').Select(p => int.TryParse(p, out int i) ? (object)i : p).ToArray();
        string text = Replace(KanFile.ToText(model), "1e300", path, out TextPosition at);

        Diagnostic diagnostic = Single(text, "float");

        diagnostic.Id.ShouldBe("KAN0005");
        string expectedPath = string.Concat(path.Select((p, n) => p is int i ? "[" + i + "]" : (n == 0 ? "" : ".") + p));
        diagnostic.GetMessage(CultureInfo.InvariantCulture).ShouldContain(expectedPath + " ");
        FileLinePositionSpan where2 = diagnostic.Location.GetLineSpan();
        (where2.StartLinePosition.Line + 1, where2.StartLinePosition.Character + 1).ShouldBe((at.Line, at.Column));
    }

    /// <summary>Both factors are finite doubles; their product is not, and the diagnostic points at scale_sp.</summary>
    [Fact]
    public void An_overflowing_mask_times_scale_in_double_is_KAN0005_at_the_scale()
    {
        KanModel model = ShapedModels.Create(new[] { 2, 3, 1 }, g: 4, k: 3, seed: 5);
        string text = Replace(KanFile.ToText(model), "1e200", new object[] { "layers", 1, "mask", 2, 0 }, out _);
        text = Replace(text, "-1e200", new object[] { "layers", 1, "scale_sp", 2, 0 }, out TextPosition at);

        Diagnostic diagnostic = Single(text, "double");

        diagnostic.Id.ShouldBe("KAN0005");
        diagnostic.GetMessage(CultureInfo.InvariantCulture).ShouldContain("layers[1].scale_sp[2][0] times mask is not finite as a double");
        FileLinePositionSpan where = diagnostic.Location.GetLineSpan();
        (where.StartLinePosition.Line + 1, where.StartLinePosition.Character + 1).ShouldBe((at.Line, at.Column));
    }

    private static Diagnostic Single(string text, string precision)
    {
        const string path = "/project/models/huge.kan";
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource(path, text, new Dictionary<string, string> { ["KanPrecision"] = precision }) });
        result.Exception.ShouldBeNull();
        result.GeneratedSources.ShouldBeEmpty();
        GeneratorHarness.Problems(output).ShouldBeEmpty();
        Diagnostic diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Location.GetLineSpan().Path.ShouldBe(path);
        return diagnostic;
    }

    private static string Replace(string text, string number, object[] path, out TextPosition at)
    {
        JsonValue value = JsonParser.Parse(text, "huge.kan");
        foreach (object step in path)
        {
            value = step is int index ? value.Items[index] : value.Members.Single(m => m.Name == (string)step).Value;
        }

        value.Kind.ShouldBe(JsonKind.Number);
        at = value.Position;
        return text.Substring(0, at.Offset) + number + text.Substring(at.Offset + at.Length);
    }
}
