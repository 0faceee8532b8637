using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Evaluation;
using Kan.Interop;

namespace Kan.Runtime.Tests.Interop.Torch;

/// <summary>
/// The files torch itself wrote (pykan checkpoints, an efficient-kan state dict) import without Python and the
/// runtime reproduces their float64 reference outputs (samples.json, computed by pykan / efficient-kan in float64
/// on the stored parameters) within 1e-12.
/// </summary>
public class TorchFixtureParityTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "pykan_toy_f64", "pykan_toy_f64.samples.json" },
        { "pykan_mult_sym_f32_state", "pykan_mult_sym_f32.samples.json" },
        { "pykan_toy_f64_config.yml", "pykan_toy_f64.samples.json" },
        { "ekan_3_4_2_f32.pt", "ekan_3_4_2_f32.samples.json" },
        { "pykan_lists_f64", "pykan_lists_f64.samples.json" },
        { "pykan_pruned_input_f64", "pykan_pruned_input_f64.samples.json" },
    };

    public static PykanImport ImportFixture(string file)
    {
        string path = TorchReaderTests.FixturePath(file);
        if (file.StartsWith("ekan", StringComparison.Ordinal))
        {
            return EfficientKanImporter.Import(path);
        }

        // prune_input kept columns 0 and 2 of 3; pykan's checkpoint does not store that, the caller supplies it.
        var options = file.StartsWith("pykan_pruned_input", StringComparison.Ordinal) ? new PykanImportOptions { InputIds = ImmutableArray.Create(0, 2) } : null;
        return PykanImporter.Import(path, options);
    }

    public static (double[][] Inputs, double[][] Outputs) Samples(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TorchReaderTests.FixturePath(file)));
        double[][] Rows(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        return (Rows("inputs"), Rows("outputs"));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Runtime_reproduces_the_float64_reference(string file, string samplesFile)
    {
        var import = ImportFixture(file);
        var evaluator = new KanEvaluator(import.Model);
        var (inputs, outputs) = Samples(samplesFile);
        inputs.Length.ShouldBeGreaterThan(50);
        for (int r = 0; r < inputs.Length; r++)
        {
            double[] y = evaluator.Evaluate(inputs[r]);
            y.Length.ShouldBe(outputs[r].Length);
            for (int o = 0; o < y.Length; o++)
            {
                double err = Math.Abs(y[o] - outputs[r][o]) / Math.Max(1.0, Math.Abs(outputs[r][o]));
                err.ShouldBeLessThanOrEqualTo(1e-12, $"{file} row {r} output {o}: kan {y[o]:R} reference {outputs[r][o]:R}");
            }
        }
    }

    [Fact]
    public void Per_layer_grid_and_k_lists_and_a_module_valued_base_function_are_read()
    {
        var lists = ImportFixture("pykan_lists_f64").Model;
        lists.Layers.Select(l => (l.GridIntervals, l.K)).ShouldBe(new[] { (3, 3), (5, 2) });
        var pruned = ImportFixture("pykan_pruned_input_f64").Model;
        pruned.Layers.ShouldAllBe(l => l.BaseFunction == BaseFunction.Silu); // '!!python/object:torch.nn.modules.activation.SiLU'
        pruned.InputCount.ShouldBe(3);
    }

    [Fact]
    public void A_float32_checkpoint_says_it_was_widened()
    {
        ImportFixture("pykan_mult_sym_f32").Notes.ShouldHaveSingleItem().ShouldContain("float32 parameters, widened exactly to double");
        ImportFixture("pykan_toy_f64").Notes.ShouldBeEmpty();
        ImportFixture("ekan_3_4_2_f32.pt").Notes.ShouldHaveSingleItem().ShouldContain("7th significant digit");
    }

    [Fact]
    public void The_symbolic_edges_and_multiplication_nodes_of_the_checkpoint_are_kept()
    {
        var model = ImportFixture("pykan_mult_sym_f32").Model;
        model.Layers[0].Symbolic.Select(e => (e.Input, e.Output, e.Function)).ShouldBe(new[] { (0, 0, "sin"), (2, 1, "x^2") });
        model.Layers[0].MultArity.ShouldBe(new[] { 2, 2 });
    }
}
