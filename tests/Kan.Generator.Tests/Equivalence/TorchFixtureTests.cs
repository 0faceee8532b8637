using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Generator.Tests.Support;
using Kan.Interop;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Files written by torch (pykan checkpoints in float64 and float32, with per-layer grid/k lists, after prune_input;
/// an efficient-kan state dict), imported without
/// Python and compiled by the generator, reproduce their float64 reference outputs within 1e-12.
/// </summary>
public class TorchFixtureTests
{
    private static readonly (string File, string Samples)[] Fixtures =
    {
        ("pykan_toy_f64", "pykan_toy_f64.samples.json"),
        ("pykan_mult_sym_f32", "pykan_mult_sym_f32.samples.json"),
        ("ekan_3_4_2_f32.pt", "ekan_3_4_2_f32.samples.json"),
        ("pykan_lists_f64", "pykan_lists_f64.samples.json"),
        ("pykan_pruned_input_f64", "pykan_pruned_input_f64.samples.json"),
    };

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", name);

    [Fact]
    public void Generated_code_reproduces_the_float64_reference()
    {
        // The pruned model reads columns 0 and 2 of 3, which its checkpoint does not store.
        var pruned = new PykanImportOptions { InputIds = ImmutableArray.Create(0, 2) };
        var models = Fixtures.Select(f => f.File.StartsWith("ekan", StringComparison.Ordinal)
            ? EfficientKanImporter.Import(PathOf(f.File)).Model
            : PykanImporter.Import(PathOf(f.File), f.File.Contains("pruned", StringComparison.Ordinal) ? pruned : null).Model).ToList();
        var compiled = CompiledModels.Compile(models);
        for (int m = 0; m < Fixtures.Length; m++)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(Fixtures[m].Samples)));
            double[][] Rows(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
            var inputs = Rows("inputs");
            var outputs = Rows("outputs");
            inputs.Length.ShouldBeGreaterThan(50);
            var predict = compiled.Predict(m);
            var y = new double[models[m].OutputCount];
            for (int r = 0; r < inputs.Length; r++)
            {
                predict(inputs[r], y);
                for (int o = 0; o < y.Length; o++)
                {
                    Tolerance.Error(y[o], outputs[r][o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, $"{Fixtures[m].File} row {r} output {o}: generated {y[o]:R} reference {outputs[r][o]:R}");
                }
            }
        }
    }
}
