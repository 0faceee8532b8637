using System;

namespace Kan.Generator.Tests.Support;

/// <summary>The product's equivalence contract: 1e-12 absolute or relative; NaN only matches NaN.</summary>
public static class Tolerance
{
    public const double Double = 1e-12;

    public static double Error(double actual, double expected)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual) ? 0.0 : double.PositiveInfinity;
        }

        if (actual == expected)
        {
            return 0.0;
        }

        return Math.Abs(actual - expected) / Math.Max(1.0, Math.Abs(expected));
    }
}
