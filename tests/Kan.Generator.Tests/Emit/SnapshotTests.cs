using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Interop;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Emit;

/// <summary>
/// The exact generated text for representative models, approved under Snapshots/ (a change shows up as a diff in
/// review). On a mismatch Shouldly writes a .received.txt next to the .approved.txt.
/// </summary>
public class SnapshotTests
{
    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Spline_only() => Generate("toy_spline", Fixture("toy_spline.json")).ShouldMatchApproved(Configure("spline_only"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fully_symbolic() => Generate("toy_symbolic", Fixture("toy_symbolic.json")).ShouldMatchApproved(Configure("fully_symbolic"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Mixed() => Generate("mixed", Fixture("mixed_k2_identity.json")).ShouldMatchApproved(Configure("mixed"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Multi_output_with_ids_normalisation_and_products() =>
        Generate("multi", MultiOutputModel()).ShouldMatchApproved(Configure("multi_output"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Float_mode() => Generate("toy_spline", Fixture("toy_spline.json"), new Dictionary<string, string> { ["KanPrecision"] = "float" }).ShouldMatchApproved(Configure("float"));

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Table_mode() => Generate("mixed", Fixture("mixed_k2_identity.json"), tableModeThreshold: 0).ShouldMatchApproved(Configure("table"));

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

    private static string Generate(string file, string text, Dictionary<string, string>? metadata = null, long? tableModeThreshold = null)
    {
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/project/models/" + file + ".kan", text, metadata) }, "Snapshots.App", tableModeThreshold: tableModeThreshold);
        result.Diagnostics.ShouldAllBe(d => d.Id == "KAN0003");
        GeneratorHarness.Problems(output).ShouldBeEmpty();
        return result.GeneratedSources.Single().SourceText.ToString();
    }

    private static Action<Shouldly.Configuration.ShouldMatchConfigurationBuilder> Configure(string name) =>
        b => b.SubFolder("../Snapshots").WithDiscriminator(name).NoDiff().WithFileExtension("cs.txt");
}
