using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Generator.Tests.Emit;

/// <summary>Generated text is the same on every machine, and compiles as C# 9 against netstandard2.0 with no Kan reference.</summary>
public class CultureAndTargetTests
{
    private static List<KanSource> Sources(string precision) =>
        Enumerable.Range(0, 6).Select(i => new RandomModels(100 + i).Next()).Select((m, i) => new KanSource(
            "/p/m" + i + ".kan", KanFile.ToText(m), new Dictionary<string, string> { ["KanClassName"] = "M" + i, ["KanPrecision"] = precision })).ToList();

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void Output_does_not_depend_on_the_current_culture(string precision)
    {
        var culture = CultureInfo.GetCultureInfo("sv-SE");
        culture.NumberFormat.NegativeSign.ShouldBe("\u2212", "the test needs a culture whose minus sign is U+2212");
        var sources = Sources(precision);
        string Generate() => string.Join("\n", GeneratorHarness.Run(sources).Result.GeneratedSources.Select(s => s.SourceText.ToString()));

        string invariant;
        string swedish;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = Generate();
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            swedish = Generate();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = saved;
        }

        swedish.ShouldBe(invariant);
        swedish.ShouldNotContain("\u2212");
        swedish.ShouldContain("-0.");
    }

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void Generated_code_compiles_as_CSharp9_against_netstandard2_0(string precision)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var netstandard = CSharpCompilation.Create(
            "NetStandardConsumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Empty { } }", parse) },
            new[] { MetadataReference.CreateFromFile(GeneratorHarness.NetStandardReferencePath) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        netstandard.GetTypeByMetadataName("System.ReadOnlySpan`1").ShouldBeNull("netstandard2.0 alone has no spans");

        GeneratorDriver driver = GeneratorHarness.CreateDriver(Sources(precision)).WithUpdatedParseOptions(parse);
        driver.RunGeneratorsAndUpdateCompilation(netstandard, out Compilation output, out var generatorDiagnostics);
        generatorDiagnostics.ShouldBeEmpty();
        output.SyntaxTrees.Count().ShouldBe(7);
        GeneratorHarness.Problems(output).ShouldBeEmpty();
        string all = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        // What the compiler sees: tokens only, without comments and the #if NET9_0_OR_GREATER vector path.
        string compiled = string.Join("\n", output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantTokens()).Select(t => t.ToString()));
        compiled.ShouldNotContain("Span");
        compiled.ShouldNotContain("Intrinsics");
        compiled.ShouldNotContain("using");
        all.ShouldNotContain("global::Kan");
        all.ShouldNotContain("/p/");
        if (precision == "double")
        {
            all.ShouldContain("#if NET9_0_OR_GREATER", Case.Sensitive, "the spline models carry a vector path, disabled here");
        }
    }

    [Fact]
    public void Span_overloads_are_emitted_when_the_compilation_has_spans()
    {
        var (result, output) = GeneratorHarness.Run(Sources("double").Take(1));
        result.GeneratedSources.Single().SourceText.ToString().ShouldContain("global::System.ReadOnlySpan<double> input");
        var type = GeneratorHarness.Load(output).GetType("Generated.M0")!;
        type.GetMethods().Count(m => m.Name == "Predict" && m.GetParameters()[0].ParameterType.Name.StartsWith("ReadOnlySpan")).ShouldBe(1);
        type.GetMethods().Count(m => m.Name == "PredictBatch").ShouldBe(2);
    }
}
