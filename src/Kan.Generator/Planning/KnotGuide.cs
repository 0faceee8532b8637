using System;
using Kan.Generator.Model;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// A guide table for finding the knot interval on a non-uniform grid in constant time: [t0, t_last) is cut into
    /// equal cells; the generated code computes the cell by arithmetic, reads the guide entry (an
    /// interval at or below x's) and adds at most <see cref="Reach"/> exact comparisons with the knots
    /// (<c>s = g + (x &gt;= t[g+1] ? 1 : 0) + ...</c>). The comparisons decide, so the result is exactly
    /// BSplineBasis.FindSpan's; the arithmetic only has to land within one cell of the truth, which rounding cannot
    /// spoil (its error is a few ulp of the range, far below a cell even in float). Branch-free, so random inputs cost
    /// no mispredictions, where counting every interior knot costs G + 2k - 1 comparisons.
    /// </summary>
    internal sealed record KnotGuide(double Scale, EquatableArray<int> Guide, int Reach) : KnotSearch
    {
        // Beyond this many comparisons the table no longer pays (knots crowded into a tiny part of the range).
        private const int MaxReach = 4;
        private const int MaxCells = 4096;

        /// <summary>Cells per unit of x: the cell of x is <c>(int)((x - t0) * Scale)</c>.</summary>
        public double Scale { get; } = Scale;

        /// <summary>Per cell (plus one for x rounding onto the top edge), an interval at or below any x the cell can hold.</summary>
        public EquatableArray<int> Guide { get; } = Guide;

        /// <summary>The number of comparisons after the guide lookup.</summary>
        public int Reach { get; } = Reach;

        /// <summary>
        /// The smallest table whose reach is at most 2 (else the one with the smallest reach), or null when none
        /// pays. <paramref name="knots"/> are the values the generated code holds (rounded to float in float mode).
        /// </summary>
        public static KnotGuide? TryCreate(double[] knots)
        {
            int intervals = knots.Length - 1;
            double lo = knots[0], hi = knots[intervals];
            // x - t0 must stay finite for every x in range, and the scale too.
            if (!(hi > lo) || double.IsInfinity(hi - lo) || double.IsInfinity(MaxCells / (hi - lo)))
            {
                return null;
            }

            KnotGuide? best = null;
            for (int cells = intervals; cells <= MaxCells; cells *= 2)
            {
                KnotGuide candidate = Build(knots, cells, cells / (hi - lo));
                if (best is null || candidate.Reach < best.Reach)
                {
                    best = candidate;
                }

                if (best.Reach <= 2)
                {
                    break;
                }
            }

            return best is not null && best.Reach <= MaxReach ? best : null;
        }

        private static KnotGuide Build(double[] knots, int cells, double scale)
        {
            double lo = knots[0], width = 1.0 / scale;
            var guide = new int[cells + 1];
            int reach = 0;
            for (int c = 0; c <= cells; c++)
            {
                // The computed cell is within one of x's true cell, so x lies in [lo + (c-1)w, lo + (c+2)w).
                int low = Interval(knots, lo + (c - 1) * width);
                int high = Interval(knots, lo + (c + 2) * width);
                guide[c] = low;
                reach = Math.Max(reach, high - low);
            }

            return new KnotGuide(scale, new EquatableArray<int>(guide), reach);
        }

        // FindSpan: the number of interior knots at or below x (clamped to the grid's intervals).
        private static int Interval(double[] knots, double x)
        {
            int s = 0;
            for (int m = 1; m < knots.Length - 1; m++)
            {
                if (x >= knots[m])
                {
                    s++;
                }
            }

            return s;
        }
    }
}
