using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Evaluation;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>Names and metadata are data, never code: hostile text must compile to a harmless, working class.</summary>
public class HostileNameTests
{
    private static readonly string[] Hostile =
    {
        "x\"); System.IO.File.Delete(\"a\"); //",
        "class",
        "line\nbreak */ #error injected",
        "*/ static void Evil() {} /*",
        "</summary><script>",
        "1st",
        "x",
        "x!",
        "   ",
        "\u2028unicode\u00e9\u2029",
        "result",
    };

    [Fact]
    public void Hostile_names_compile_without_injected_code_and_still_predict()
    {
        var random = new RandomModels(42) { MaxWidth = 1 };
        KanModel baseModel = random.Next();
        // Widen the first layer's caller columns with hostile names: input_ids keep the model reading column 0.
        int columns = Hostile.Length;
        var ids = Enumerable.Range(0, baseModel.Layers[0].InputCount).Select(i => 0).ToImmutableArray();
        var model = new KanModel(
            Hostile.ToImmutableArray(),
            ImmutableArray.Create("out\"; #error x\n*/"),
            ids,
            baseModel.Layers,
            ImmutableArray.Create(
                new KeyValuePair<string, string>("formula", "*/ } class Injected { } /* \n #error formula </c>"),
                new KeyValuePair<string, string>("note", "\"; System.Environment.Exit(1); //")),
            "name */ with \n newline");
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/p/evil\"name.kan", KanFile.ToText(model), new Dictionary<string, string> { ["KanClassName"] = "Evil" }) });
        result.Diagnostics.ShouldBeEmpty();
        string source = result.GeneratedSources.Single().SourceText.ToString();

        var tree = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions);
        var root = tree.GetRoot();
        root.DescendantNodes().OfType<ClassDeclarationSyntax>().Select(c => c.Identifier.ValueText).ShouldBe(new[] { "Evil" });
        // The only calls are the generator's own helpers, System.Math and (in the vector batch path) the vector API.
        string[] helpers = { "Compute", "ComputeRows4", "nameof", "AtOrAbove", "Transpose" };
        root.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(i => i.Expression.ToString())
            .ShouldAllBe(e => helpers.Contains(e) || e.StartsWith("Layer") || e.StartsWith("VectorLayer") || e.StartsWith("global::System.Math.") || e.StartsWith("global::System.Runtime.Intrinsics."));
        root.DescendantTrivia().ShouldAllBe(t => !t.IsKind(SyntaxKind.ErrorDirectiveTrivia));
        source.ShouldNotContain("\r");

        var type = GeneratorHarness.Load(output).GetType("Generated.Evil")!;
        var predict = type.GetMethods().Single(m => m.Name == "Predict" && m.GetParameters().Length == columns);
        var names = predict.GetParameters().Select(p => p.Name!).ToList();
        names.ShouldBeUnique();
        names.ShouldAllBe(n => n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));

        var row = Enumerable.Range(0, columns).Select(c => 0.25 * c - 0.5).ToArray();
        double expected = new KanEvaluator(model).Evaluate(row)[0];
        double actual = (double)predict.Invoke(null, row.Cast<object>().ToArray())!;
        Tolerance.Error(actual, expected).ShouldBeLessThanOrEqualTo(Tolerance.Double);
    }
}
