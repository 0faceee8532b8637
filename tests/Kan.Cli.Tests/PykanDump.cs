using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Kan.Cli.Tests;

/// <summary>The samples a pykan-dump/1 fixture carries: pykan's own inputs and outputs.</summary>
public sealed class PykanDump
{
    private PykanDump(double[][] inputs, double[][] outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public double[][] Inputs { get; }

    public double[][] Outputs { get; }

    public static PykanDump Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement samples = doc.RootElement.GetProperty("samples");
        return new PykanDump(Rows(samples.GetProperty("inputs")), Rows(samples.GetProperty("outputs")));
    }

    private static double[][] Rows(JsonElement e) =>
        e.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    /// <summary>pykan-parity tolerance: 1e-12 absolute or relative.</summary>
    public static void ShouldMatch(double actual, double expected, string where)
    {
        double err = Math.Abs(actual - expected) / Math.Max(1.0, Math.Abs(expected));
        err.ShouldBeLessThanOrEqualTo(1e-12, where + ": kan " + actual.ToString("R") + " pykan " + expected.ToString("R"));
    }
}
