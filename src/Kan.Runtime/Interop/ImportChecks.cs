using System;
using System.Collections.Immutable;

namespace Kan.Interop
{
    /// <summary>
    /// What a <c>.kan</c> file requires of imported parameters, checked at import so the error names the tensor in
    /// the source file rather than a line of the .kan file written from it: finite numbers, knots non-decreasing.
    /// </summary>
    internal static class ImportChecks
    {
        public static ImmutableArray<double> Finite(ImmutableArray<double> values, string name, Func<string, Exception> error)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    throw error("tensor '" + name + "' holds " + values[i].ToString(System.Globalization.CultureInfo.InvariantCulture) + " at flat index " + i +
                                "; a .kan model holds finite numbers only");
                }
            }

            return values;
        }

        /// <summary>Each row of <c>[rows, count]</c> knots must be non-decreasing (a B-spline grid).</summary>
        public static ImmutableArray<double> Knots(ImmutableArray<double> knots, int rows, string name, Func<string, Exception> error)
        {
            Finite(knots, name, error);
            int count = rows == 0 ? 0 : knots.Length / rows;
            for (int r = 0; r < rows; r++)
            {
                for (int m = 1; m < count; m++)
                {
                    if (knots[(r * count) + m] < knots[(r * count) + m - 1])
                    {
                        throw error("tensor '" + name + "' row " + r + " is not a grid: knot " + m + " is less than the knot before it");
                    }
                }
            }

            return knots;
        }
    }
}
