using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Evaluation;
using Kan.Generator.Tests.Support;
using Kan.Interop;
using Kan.Training;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// Kan's one deliberate difference from pykan (docs/kan-format.md, "Non-finite values"): masked edges are absent,
/// not multiplied by 0, so where pykan returns NaN the evaluator, training's forward pass and generated code (scalar
/// and batch) all return what the active edges compute. The expected values are pykan's own, at inputs where no
/// masked edge sees a non-finite value (tools/pykan_nonfinite_fixtures.py wrote them).
/// </summary>
public class NonFiniteInputTests
{
    private static readonly string[] Fixtures = { "nonfinite_pruned", "nonfinite_symbolic" };

    [Fact]
    public void Evaluator_training_and_generated_code_skip_masked_edges_where_pykan_gives_NaN()
    {
        var models = Fixtures.Select(f => PykanImporter.Read(FixturePath(f + ".json"))).ToList();
        var compiled = CompiledModels.Compile(models);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(FixturePath("nonfinite_expected.json")));
        int differsFromPykan = 0;
        for (int m = 0; m < models.Count; m++)
        {
            KanModel model = models[m];
            var evaluator = new KanEvaluator(model);
            KanNetwork network = KanNetwork.FromModel(model);
            var predict = compiled.Predict(m);
            var batch = compiled.PredictBatch(m);
            foreach (JsonElement row in expected.RootElement.GetProperty(Fixtures[m]).EnumerateArray())
            {
                double[] x = Numbers(row.GetProperty("input"));
                double[] pykan = Numbers(row.GetProperty("pykan"));
                double[] kan = Numbers(row.GetProperty("kan"));
                differsFromPykan += pykan.Any(double.IsNaN) && !kan.Any(double.IsNaN) ? 1 : 0;

                // Five copies, so the batch runs the row in vector lanes and in the scalar remainder.
                var rows = new double[5 * x.Length];
                for (int r = 0; r < 5; r++)
                {
                    x.CopyTo(rows, r * x.Length);
                }

                var batchOut = new double[5 * model.OutputCount];
                batch(rows, batchOut);
                double[,] trained = network.Forward(To2D(x));
                var generated = new double[model.OutputCount];
                predict(x, generated);
                double[] evaluated = evaluator.Evaluate(x);
                for (int o = 0; o < kan.Length; o++)
                {
                    string where = $"{Fixtures[m]} at ({string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}) output {o}: expected {kan[o]:R} (pykan {pykan[o]:R})";
                    Tolerance.Error(evaluated[o], kan[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, "evaluator " + evaluated[o].ToString("R", CultureInfo.InvariantCulture) + ", " + where);
                    Tolerance.Error(trained[0, o], kan[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, "training forward " + trained[0, o].ToString("R", CultureInfo.InvariantCulture) + ", " + where);
                    Tolerance.Error(generated[o], kan[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, "generated Predict " + generated[o].ToString("R", CultureInfo.InvariantCulture) + ", " + where);
                    for (int r = 0; r < 5; r++)
                    {
                        Tolerance.Error(batchOut[r * model.OutputCount + o], kan[o]).ShouldBeLessThanOrEqualTo(Tolerance.Double, "generated PredictBatch row " + r + ", " + where);
                    }
                }
            }
        }

        differsFromPykan.ShouldBe(5, "the fixtures show pykan's NaN on three pruned-input rows and two overflowing symbolic rows");
    }

    /// <summary>
    /// The same rule for a zero <c>scale_base</c>: with every base scale of x1's edges 0, x1 = ±inf reaches only
    /// splines (0 outside the grid), so all three paths give the value at any far-out finite x1, where pykan's
    /// <c>0 * silu(±inf)</c> would give NaN.
    /// </summary>
    [Fact]
    public void A_zero_scale_base_drops_the_base_term_at_infinite_inputs_everywhere()
    {
        KanModel pruned = PykanImporter.Read(FixturePath("nonfinite_pruned.json"));
        KanLayer l = pruned.Layers[0];
        KanLayer.Builder builder = l.ToBuilder();
        builder.ScaleBase = l.ScaleBase.Select((s, e) => e / l.SubnodeCount == 0 ? 0.0 : s).ToImmutableArray();
        KanLayer first = builder.Build();
        var model = new KanModel(pruned.InputNames, pruned.OutputNames, pruned.InputIds, pruned.Layers.SetItem(0, first), pruned.Metadata, pruned.Name, pruned.InputScale, pruned.InputBias);
        var compiled = CompiledModels.Compile(new[] { model });
        var evaluator = new KanEvaluator(model);
        KanNetwork network = KanNetwork.FromModel(model);
        foreach (double x1 in new[] { double.PositiveInfinity, double.NegativeInfinity })
        {
            double expected = evaluator.Evaluate(Math.Sign(x1) * 1e6, 0.25)[0];
            double.IsFinite(expected).ShouldBeTrue();
            var generated = new double[1];
            compiled.Predict(0)(new[] { x1, 0.25 }, generated);
            Tolerance.Error(evaluator.Evaluate(x1, 0.25)[0], expected).ShouldBeLessThanOrEqualTo(Tolerance.Double, "evaluator at x1 = " + x1);
            Tolerance.Error(network.Forward(To2D(new[] { x1, 0.25 }))[0, 0], expected).ShouldBeLessThanOrEqualTo(Tolerance.Double, "training forward at x1 = " + x1);
            Tolerance.Error(generated[0], expected).ShouldBeLessThanOrEqualTo(Tolerance.Double, "generated Predict at x1 = " + x1);
        }
    }

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name);

    private static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    private static double[,] To2D(IReadOnlyList<double> row)
    {
        var m = new double[1, row.Count];
        for (int c = 0; c < row.Count; c++)
        {
            m[0, c] = row[c];
        }

        return m;
    }
}
