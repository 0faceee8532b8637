using System;
using System.IO;
using System.Text.Json;
using Kan.Evaluation;
using Kan.Interop;

namespace Kan.Runtime.Tests.Interop;

/// <summary>Models exported from pykan, evaluated by the runtime, must reproduce pykan's own outputs.</summary>
public class PykanParityTests
{
    public static TheoryData<string> Fixtures => new() { "toy_spline.json", "toy_symbolic.json", "mult_xy.json", "mixed_k2_identity.json" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Runtime_reproduces_pykan_outputs(string fixture)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", fixture);
        KanModel model = PykanImporter.Read(path);
        var evaluator = new KanEvaluator(model);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var samples = doc.RootElement.GetProperty("samples");
        var inputs = samples.GetProperty("inputs");
        var outputs = samples.GetProperty("outputs");
        inputs.GetArrayLength().ShouldBeGreaterThan(50);
        double worst = 0;
        int row = 0;
        foreach (var (input, expected) in Zip(inputs, outputs))
        {
            double[] x = Array.ConvertAll(input, e => e);
            double[] y = evaluator.Evaluate(x);
            y.Length.ShouldBe(expected.Length);
            for (int o = 0; o < y.Length; o++)
            {
                double err = Math.Abs(y[o] - expected[o]) / Math.Max(1.0, Math.Abs(expected[o]));
                worst = Math.Max(worst, err);
                err.ShouldBeLessThanOrEqualTo(1e-12, $"{fixture} row {row} output {o}: kan {y[o]:R} pykan {expected[o]:R}");
            }

            row++;
        }
    }

    private static System.Collections.Generic.IEnumerable<(double[] Input, double[] Output)> Zip(JsonElement inputs, JsonElement outputs)
    {
        var a = inputs.EnumerateArray();
        var b = outputs.EnumerateArray();
        while (a.MoveNext() && b.MoveNext())
        {
            yield return (ToArray(a.Current), ToArray(b.Current));
        }
    }

    private static double[] ToArray(JsonElement e)
    {
        var result = new double[e.GetArrayLength()];
        int i = 0;
        foreach (var v in e.EnumerateArray())
        {
            result[i++] = v.GetDouble();
        }

        return result;
    }
}
