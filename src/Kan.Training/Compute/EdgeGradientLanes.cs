using System;
using System.Runtime.CompilerServices;

namespace Kan.Training.Compute
{
    /// <summary>
    /// A chunk's gradients of one layer's per-edge spline parameters (coefficients, scale_base, scale_sp), in
    /// <see cref="Count"/> lanes: row r of the chunk adds its terms to lane r mod 4, and <see cref="FoldInto"/> adds
    /// <c>(lane0 + lane1) + (lane2 + lane3)</c> to the layer's gradients once the chunk is done. Four rows of a vector
    /// group then add to four different places: no entry waits for the row before it, and no vector load waits
    /// for a store it overlaps in part (which cannot be forwarded). The order is fixed by the rows, never by the
    /// threads, and the scalar and vector paths fill the same lanes with the same terms, so both give the same bits.
    /// </summary>
    internal sealed class EdgeGradientLanes
    {
        public const int Count = 4;

        public EdgeGradientLanes(NetworkLayer layer)
        {
            int edges = layer.InputCount * layer.SubnodeCount;
            CoefficientsPerLane = layer.Arrays.Coefficients.Length;
            Coefficients = new double[Count * CoefficientsPerLane];
            ScaleBase = new double[Count * edges];
            ScaleSpline = new double[Count * edges];
        }

        /// <summary>Coefficient gradients per lane; lane q starts at q * this.</summary>
        public int CoefficientsPerLane { get; }

        /// <summary>[lane][edge, coefficient].</summary>
        public double[] Coefficients { get; }

        /// <summary>[edge][lane].</summary>
        public double[] ScaleBase { get; }

        /// <summary>[edge][lane].</summary>
        public double[] ScaleSpline { get; }

        /// <summary>The lane chunk row <paramref name="row"/> adds to.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Lane(int row) => row & (Count - 1);

        /// <summary>Adds the folded lanes to <paramref name="g"/> and clears them for the next chunk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FoldInto(LayerGradients g)
        {
            int n = CoefficientsPerLane;
            double[] c = Coefficients, gc = g.Coefficients;
            for (int q = 0; q < n; q++)
            {
                gc[q] += (c[q] + c[n + q]) + (c[2 * n + q] + c[3 * n + q]);
            }

            Fold(ScaleBase, g.ScaleBase);
            Fold(ScaleSpline, g.ScaleSpline);
            Array.Clear(c);
            Array.Clear(ScaleBase);
            Array.Clear(ScaleSpline);
        }

        private static void Fold(double[] lanes, double[] target)
        {
            for (int e = 0; e < target.Length; e++)
            {
                int o = e * Count;
                target[e] += (lanes[o] + lanes[o + 1]) + (lanes[o + 2] + lanes[o + 3]);
            }
        }
    }
}
