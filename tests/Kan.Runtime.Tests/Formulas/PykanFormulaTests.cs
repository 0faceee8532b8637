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

    [Fact]
    public void Unrounded_formula_of_the_pykan_toy_reproduces_pykan_outputs()
    {
        string path = FixturePath("toy_symbolic.json");
        KanFormula formula = KanFormula.FromModel(PykanImporter.Read(path)).Simplify();
        formula.IsFullySymbolic.ShouldBeTrue();
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var samples = doc.RootElement.GetProperty("samples");
        var inputs = samples.GetProperty("inputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var outputs = samples.GetProperty("outputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        inputs.Length.ShouldBeGreaterThan(50);
        for (int r = 0; r < inputs.Length; r++)
        {
            double y = formula.Evaluate(inputs[r])[0];
            (Math.Abs(y - outputs[r][0]) / Math.Max(1.0, Math.Abs(outputs[r][0]))).ShouldBeLessThanOrEqualTo(1e-9, $"row {r}");
        }
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
