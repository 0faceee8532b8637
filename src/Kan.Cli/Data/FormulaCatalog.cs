using System;
using System.Collections.Generic;
using System.Linq;

namespace Kan.Cli.Data;

/// <summary>One built-in target function: <c>kan train --formula NAME</c> samples it uniformly over its ranges.</summary>
public sealed class CatalogFormula
{
    public CatalogFormula(string name, string expression, string[] inputs, string output, (double Min, double Max)[] ranges, Func<double[], double> function)
    {
        Name = name;
        Expression = expression;
        Inputs = inputs;
        Output = output;
        Ranges = ranges;
        Function = function;
    }

    public string Name { get; }

    /// <summary>The formula as text, e.g. <c>exp(sin(pi*x) + y^2)</c>.</summary>
    public string Expression { get; }

    /// <summary>Variable names, which become the model's input names.</summary>
    public string[] Inputs { get; }

    public string Output { get; }

    /// <summary>Sampling range per variable.</summary>
    public (double Min, double Max)[] Ranges { get; }

    public Func<double[], double> Function { get; }

    public string Describe() =>
        Name + ": " + Output + " = " + Expression + " on " + string.Join(" x ", Ranges.Select((r, i) => Inputs[i] + " in [" + Num(r.Min) + ", " + Num(r.Max) + "]"));

    private static string Num(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The built-in formulas (docs/cli.md lists them): pykan's toy examples and a few from the Feynman dataset
/// (AI Feynman, Udrescu and Tegmark 2020, with its variable ranges), which the KAN paper also fits.
/// </summary>
public static class FormulaCatalog
{
    public static IReadOnlyList<CatalogFormula> All { get; } = new[]
    {
        new CatalogFormula("toy", "exp(sin(pi*x) + y^2)", new[] { "x", "y" }, "f", new[] { (-1.0, 1.0), (-1.0, 1.0) },
            v => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1])),
        new CatalogFormula("xy", "x*y", new[] { "x", "y" }, "f", new[] { (-1.0, 1.0), (-1.0, 1.0) },
            v => v[0] * v[1]),
        new CatalogFormula("drag", "0.5*speed*exp(-altitude)", new[] { "speed", "altitude" }, "drag", new[] { (0.0, 3.0), (0.0, 3.0) },
            v => 0.5 * v[0] * Math.Exp(-v[1])),
        new CatalogFormula("I.6.2a", "exp(-theta^2/2)/sqrt(2*pi)", new[] { "theta" }, "f", new[] { (1.0, 3.0) },
            v => Math.Exp(-v[0] * v[0] / 2) / Math.Sqrt(2 * Math.PI)),
        new CatalogFormula("I.10.7", "m0/sqrt(1 - v^2/c^2)", new[] { "m0", "v", "c" }, "m", new[] { (1.0, 5.0), (1.0, 2.0), (3.0, 10.0) },
            v => v[0] / Math.Sqrt(1 - v[1] * v[1] / (v[2] * v[2]))),
        new CatalogFormula("I.12.2", "q1*q2/(4*pi*epsilon*r^2)", new[] { "q1", "q2", "epsilon", "r" }, "F", new[] { (1.0, 5.0), (1.0, 5.0), (1.0, 5.0), (1.0, 5.0) },
            v => v[0] * v[1] / (4 * Math.PI * v[2] * v[3] * v[3])),
    };

    /// <summary>The formula called <paramref name="name"/> (case-insensitive), or an error listing the catalog.</summary>
    public static CatalogFormula Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliException("unknown formula '" + name + "'; the catalog has " + string.Join(", ", All.Select(f => f.Name)), ExitCodes.Usage);
}
