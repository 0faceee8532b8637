using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Formulas;
using Kan.Interop;

namespace Kan.Runtime.Tests.Formulas;

/// <summary>The pykan toy model that was snapped to exp(sin(pi*x)+y^2): its formula, rounded and exact.</summary>
public class PykanFormulaTests
{
    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name);

    [Fact]
    public void Rounded_formula_of_the_pykan_toy_is_exp_sin_plus_square()
    {
        KanFormula formula = KanFormula.FromModel(PykanImporter.Read(FixturePath("toy_symbolic.json")));
        string text = formula.Round(4).ToText();
        FormulaText.EquivalentIgnoringTermOrder(text, "exp(sin(3.1416*x1) + x2^2)").ShouldBeTrue(text);
        // Canonical term order is ordinal on the terms' text, so the canonical form is also the exact string.
        text.ShouldBe("exp(sin(3.1416*x1) + x2^2)");
    }

    [Theory]
    [InlineData("toy_symbolic.json", true)]
    [InlineData("toy_spline.json", false)]
    [InlineData("mult_xy.json", false)]
    [InlineData("mixed_k2_identity.json", false)]
    public void Simplified_formulas_of_pykan_fixtures_reproduce_pykan_outputs(string fixture, bool fullySymbolic)
    {
        // Partial formulas too: spline edges evaluate through the model's evaluator inside the simplified tree.
        string path = FixturePath(fixture);
        KanFormula formula = KanFormula.FromModel(PykanImporter.Read(path)).Simplify();
        formula.IsFullySymbolic.ShouldBe(fullySymbolic);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var samples = doc.RootElement.GetProperty("samples");
        var inputs = samples.GetProperty("inputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var outputs = samples.GetProperty("outputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        inputs.Length.ShouldBeGreaterThan(50);
        for (int r = 0; r < inputs.Length; r++)
        {
            double[] y = formula.Evaluate(inputs[r]);
            for (int o = 0; o < y.Length; o++)
            {
                (Math.Abs(y[o] - outputs[r][o]) / Math.Max(1.0, Math.Abs(outputs[r][o]))).ShouldBeLessThanOrEqualTo(1e-9, $"{fixture} row {r} output {o}");
            }
        }
    }

    [Fact]
    public void Mixed_fixture_renders_its_symbolic_edges_and_its_splines()
    {
        string text = KanFormula.FromModel(PykanImporter.Read(FixturePath("mixed_k2_identity.json"))).Simplify().ToText();
        text.ShouldContain("sin(");
        text.ShouldContain("tanh(");
        text.ShouldContain("spline_0_");
        text.ShouldContain("spline_1_");
    }

    [Fact]
    public void Spline_edges_stay_as_opaque_calls_that_still_evaluate()
    {
        KanModel model = PykanImporter.Read(FixturePath("toy_spline.json"));
        KanFormula formula = KanFormula.FromModel(model).Simplify();
        formula.IsFullySymbolic.ShouldBeFalse();
        formula.ToText().ShouldContain("spline_0_0_0(x1)");
        var evaluator = new Kan.Evaluation.KanEvaluator(model);
        var rng = new Random(3);
        for (int p = 0; p < 50; p++)
        {
            var x = Enumerable.Range(0, model.InputCount).Select(_ => rng.NextDouble() * 2.4 - 1.2).ToArray();
            double expected = evaluator.Evaluate(x)[0];
            formula.Evaluate(x)[0].ShouldBe(expected, 1e-9 * Math.Max(1, Math.Abs(expected)));
        }
    }
}
