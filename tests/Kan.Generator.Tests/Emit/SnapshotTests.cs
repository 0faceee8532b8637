using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Interop;
using Kan.Runtime.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kan.Generator.Tests.Emit;

/// <summary>
/// The exact generated text for representative models, approved under Snapshots/ (a change shows up as a diff in
/// review). On a mismatch Shouldly writes a .received.txt next to the .approved.txt.
/// </summary>
public class SnapshotTests
{
    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Spline_only() => Generate(Cases["spline_only"]).ShouldMatchApproved(Configure("spline_only"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fully_symbolic() => Generate(Cases["fully_symbolic"]).ShouldMatchApproved(Configure("fully_symbolic"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Mixed() => Generate(Cases["mixed"]).ShouldMatchApproved(Configure("mixed"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Multi_output_with_ids_normalisation_and_products() => Generate(Cases["multi_output"]).ShouldMatchApproved(Configure("multi_output"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Float_mode() => Generate(Cases["float"]).ShouldMatchApproved(Configure("float"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Table_mode() => Generate(Cases["table"]).ShouldMatchApproved(Configure("table"));

    /// <summary>
    /// Engine targets: every snapshot model, generated for a C# 9 compilation against netstandard2.0 (no spans, no
    /// MathF: float models narrow Math's double results) or netstandard2.1 (Unity's API level: MathF), compiles
    /// cleanly and uses nothing Unity's Mono or IL2CPP lack (no reflection, no intrinsics outside the .NET 9 guard,
    /// no static constructor).
    /// </summary>
    [Theory]
    [InlineData("netstandard2.0")]
    [InlineData("netstandard2.1")]
    public void Every_snapshot_model_compiles_as_CSharp9_for(string target)
    {
        bool ns21 = target == "netstandard2.1";
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var reference = MetadataReference.CreateFromFile(ns21 ? GeneratorHarness.NetStandard21ReferencePath : GeneratorHarness.NetStandardReferencePath);
        foreach (var (name, snapshot) in Cases)
        {
            var compilation = CSharpCompilation.Create(
                "Engine" + name,
                new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Empty { } }", parse) },
                new[] { reference },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            (compilation.GetTypeByMetadataName("System.MathF") is not null).ShouldBe(ns21);
            GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { Source(snapshot) }, "Snapshots.App", tableModeThreshold: snapshot.TableModeThreshold)
                .WithUpdatedParseOptions(parse);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);
            diagnostics.ShouldAllBe(d => d.Id == "KAN0003", name);
            GeneratorHarness.Problems(output).ShouldBeEmpty(name + " on " + target);
            SyntaxTree generated = output.SyntaxTrees.Last();
            string compiled = string.Join(" ", generated.GetRoot().DescendantTokens().Select(t => t.ToString()));
            compiled.ShouldNotContain("Intrinsics", Case.Sensitive, name);
            compiled.ShouldNotContain("Reflection", Case.Sensitive, name);
            compiled.ShouldNotContain("static " + generated.ToString().Split("static partial class ")[1].Split('\n')[0].Trim() + " (", Case.Sensitive, name);
            compiled.Contains("ReadOnlySpan").ShouldBe(ns21, name);
            bool isFloat = snapshot.Metadata?.ContainsKey("KanPrecision") == true;
            compiled.Contains("MathF").ShouldBe(isFloat && ns21, name);
            compiled.Contains("( float ) global :: System . Math .").ShouldBe(isFloat && !ns21, name);
        }
    }

    private sealed record Snapshot(string File, Func<string> Text, Dictionary<string, string>? Metadata = null, long? TableModeThreshold = null);

    private static readonly Dictionary<string, Snapshot> Cases = new()
    {
        ["spline_only"] = new Snapshot("toy_spline", () => Fixture("toy_spline.json")),
        ["fully_symbolic"] = new Snapshot("toy_symbolic", () => Fixture("toy_symbolic.json")),
        ["mixed"] = new Snapshot("mixed", () => Fixture("mixed_k2_identity.json")),
        ["multi_output"] = new Snapshot("multi", MultiOutputModel),
        ["float"] = new Snapshot("toy_spline", () => Fixture("toy_spline.json"), new Dictionary<string, string> { ["KanPrecision"] = "float" }),
        ["table"] = new Snapshot("mixed", () => Fixture("mixed_k2_identity.json"), TableModeThreshold: 0),
    };

    private static KanSource Source(Snapshot snapshot) => new("/project/models/" + snapshot.File + ".kan", snapshot.Text(), snapshot.Metadata);

    // A small seeded random model with several outputs, input_ids or normalisation, and a multiplication node.
    private static string MultiOutputModel()
    {
        var random = new RandomModels(2024) { MaxGrid = 2, MaxWidth = 3, MaxLayers = 2, MaxOrder = 2 };
        while (true)
        {
            KanModel m = random.Next();
            if (m.OutputCount >= 2 && m.Layers.Any(l => l.MultArity.Length > 0) && (m.HasInputNormalization || !m.InputIds.IsEmpty))
            {
                return KanFile.ToText(m);
            }
        }
    }

    private static string Fixture(string name) =>
        KanFile.ToText(PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name)));

    private static string Generate(Snapshot snapshot)
    {
        var (result, output) = GeneratorHarness.Run(new[] { Source(snapshot) }, "Snapshots.App", tableModeThreshold: snapshot.TableModeThreshold);
        result.Diagnostics.ShouldAllBe(d => d.Id == "KAN0003");
        GeneratorHarness.Problems(output).ShouldBeEmpty();
        return result.GeneratedSources.Single().SourceText.ToString();
    }

    private static Action<Shouldly.Configuration.ShouldMatchConfigurationBuilder> Configure(string name) =>
        b => b.SubFolder("../Snapshots").WithDiscriminator(name).NoDiff().WithFileExtension("cs.txt");
}
